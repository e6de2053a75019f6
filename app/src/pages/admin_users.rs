//! Accounts and roles, for admins: create an account, change a role, disable or enable.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::users::{ChangeUser, CreateUser, ResetPassword, list_users};
use crate::components::error_view::{ActionError, ErrorView};
use crate::domain::{Role, UserSummary};

#[component]
fn RoleSelect(id: String, selected: Role) -> impl IntoView {
    view! {
        <select id=id name="role">
            {Role::ALL.iter().map(|r| view! { <option value=r.as_str() selected=*r == selected>{r.label()}</option> }).collect_view()}
        </select>
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let change = ServerAction::<ChangeUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let users = Resource::new(
        move || (create.version().get(), change.version().get()),
        |_| list_users(),
    );
    view! {
        <Title text="Users and roles"/>
        <h1>"Users and roles"</h1>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! {
                        <ActionError value=change.value()/>
                        <ActionError value=reset.value()/>
                        {move || reset.value().get().and_then(Result::ok).map(|()| view! {
                            <p class="notice" role="status">"Password reset; the account was signed out everywhere."</p>
                        })}
                        <table class="users">
                            <caption>{list.len()} " accounts"</caption>
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Since"</th><th scope="col">"Role and access"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|u| view! { <UserRow u=u change=change reset=reset/> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="new-user">
            <h2 id="new-user">"Create an account"</h2>
            <ActionForm action=create attr:class="stack narrow">
                <label for="new-email">"Email"</label>
                <input id="new-email" name="email" type="email" required autocomplete="off"/>
                <label for="new-name">"Display name"</label>
                <input id="new-name" name="display_name" type="text" required maxlength="100"/>
                <label for="new-role">"Role"</label>
                <RoleSelect id="new-role".to_owned() selected=Role::Reviewer/>
                <label for="new-password">"First password " <span class="hint">"(12 characters or more; give it to them privately)"</span></label>
                <input id="new-password" name="password" type="password" required minlength="12" autocomplete="new-password"/>
                <button type="submit">"Create account"</button>
            </ActionForm>
            <ActionError value=create.value()/>
            {move || create.value().get().and_then(Result::ok).map(|u| view! {
                <p class="notice" role="status">"Created " {u.email} " as " {u.role.label()} "."</p>
            })}
        </section>
    }
}

#[component]
fn UserRow(
    u: UserSummary,
    change: ServerAction<ChangeUser>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let key = u.id.simple().to_string();
    let (role_id, pw_id) = (format!("role-{key}"), format!("pw-{key}"));
    let (role_label, pw_label) = (
        format!("Role of {}", u.email),
        format!("New password for {}", u.email),
    );
    view! {
        <tr class:disabled=u.disabled>
            <td>{u.display_name.clone()}</td>
            <td>{u.email.clone()}</td>
            <td>{u.created_at.clone()}</td>
            <td>
                <ActionForm action=change attr:class="inline">
                    <input type="hidden" name="id" value=u.id.to_string()/>
                    <label class="visually-hidden" for=role_id.clone()>{role_label}</label>
                    <RoleSelect id=role_id selected=u.role/>
                    <label class="check">
                        <input type="checkbox" name="disabled" value="on" checked=u.disabled/>
                        " disabled"
                    </label>
                    <button type="submit" class="secondary">"Save"</button>
                </ActionForm>
                <details class="reset">
                    <summary>"Reset password"</summary>
                    <ActionForm action=reset attr:class="inline">
                        <input type="hidden" name="id" value=u.id.to_string()/>
                        <label class="visually-hidden" for=pw_id.clone()>{pw_label}</label>
                        <input id=pw_id name="password" type="password" required minlength="12" autocomplete="new-password" placeholder="new password"/>
                        <button type="submit" class="secondary">"Set"</button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}
