//! Accounts and roles, for admins: invite someone or create an account, change a role, disable
//! or enable, reset a password.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::accounts::invites::{InviteUser, RevokeInvite, invite_link, list_invites};
use crate::api::accounts::users::{ChangeUser, CreateUser, ResetPassword, list_users};
use crate::components::error_view::{ActionError, ErrorView, Typed};
use crate::domain::{INVITE_VALID_DAYS, InviteState, InviteView, Role, UserSummary};

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
    let users = Resource::new(|| (), |_| list_users());
    let invite = ServerAction::<InviteUser>::new();
    let revoke = ServerAction::<RevokeInvite>::new();
    let invites = Resource::new(|| (), |_| list_invites());
    // A new invitation comes back here with the new link's token in the address.
    let query = use_query_map();
    let posted_token = move || query.read().get("invite");
    // … and after a reset or a new account, which account it was.
    // Read as account ids, so any spelling of one (upper case, braces) finds its account.
    let id_in_address = move |key: &str| {
        query
            .read()
            .get(key)
            .and_then(|id| uuid::Uuid::parse_str(id.trim()).ok())
    };
    let reset_in_address = move || id_in_address("reset");
    let created_in_address = move || id_in_address("created");
    // A form refused without JavaScript comes back filled in (never with a password).
    let typed_invite = query.with_untracked(|q| Typed::in_address(q, InviteUser::PATH));
    let typed_create = query.with_untracked(|q| Typed::in_address(q, CreateUser::PATH));
    let role_of = |t: &Typed| t.get("role").parse::<Role>().unwrap_or(Role::Reviewer);
    let invite_role = role_of(&typed_invite);
    let create_role = role_of(&typed_create);
    let posted_link = Resource::new(posted_token, |t| async move {
        match t {
            Some(t) => invite_link(t).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <Title text="Users and roles"/>
        <Meta name="referrer" content="same-origin"/>
        <h1>"Users and roles"</h1>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! {
                        {created_in_address().and_then(|id| list.iter().find(|u| u.id == id)).map(|u| view! {
                            <p class="notice" role="status">{format!("Created {} as {}.", u.email, u.role.label())}</p>
                        })}
                        <ActionError value=change.value()/>
                        <ActionError value=reset.value()/>
                        {reset_in_address().and_then(|id| list.iter().find(|u| u.id == id)).map(|u| view! {
                            <p class="notice" role="status">{format!("Password reset for {}; the account was signed out everywhere.", u.email)}</p>
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
        <section aria-labelledby="invite-user">
            <h2 id="invite-user">"Invite someone"</h2>
            <p class="hint">"They get a link that works once for " {INVITE_VALID_DAYS} " days, and choose their own password."</p>
            <ActionForm action=invite attr:class="stack narrow">
                <label for="invite-email">"Email"</label>
                <input id="invite-email" name="email" type="email" required autocomplete="off" value=typed_invite.get("email")/>
                <label for="invite-name">"Display name"</label>
                <input id="invite-name" name="display_name" type="text" required maxlength="100" value=typed_invite.get("display_name")/>
                <label for="invite-role">"Role"</label>
                <RoleSelect id="invite-role".to_owned() selected=invite_role/>
                <button type="submit">"Make an invitation link"</button>
            </ActionForm>
            <ActionError value=invite.value()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    posted_link.await.ok().flatten().map(|link| view! { <InviteLink email=String::new() link=link/> })
                })}
            </Transition>
            <ActionError value=revoke.value()/>
            <Transition fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match invites.await {
                        Ok(list) if list.is_empty() => view! { <p>"No invitations yet."</p> }.into_any(),
                        Ok(list) => view! { <InviteTable list=list revoke=revoke/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section aria-labelledby="new-user">
            <h2 id="new-user">"Create an account"</h2>
            <ActionForm action=create attr:class="stack narrow">
                <label for="new-email">"Email"</label>
                <input id="new-email" name="email" type="email" required autocomplete="off" value=typed_create.get("email")/>
                <label for="new-name">"Display name"</label>
                <input id="new-name" name="display_name" type="text" required maxlength="100" value=typed_create.get("display_name")/>
                <label for="new-role">"Role"</label>
                <RoleSelect id="new-role".to_owned() selected=create_role/>
                <label for="new-password">"First password " <span class="hint">"(12 characters or more; give it to them privately)"</span></label>
                <input id="new-password" name="password" type="password" required minlength="12" autocomplete="new-password"/>
                <button type="submit">"Create account"</button>
            </ActionForm>
            <ActionError value=create.value()/>
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

#[component]
fn InviteLink(email: String, link: String) -> impl IntoView {
    let to = if email.is_empty() {
        "Send this link".to_owned()
    } else {
        format!("Send this link to {email}")
    };
    view! {
        <div class="notice" role="status">
            <p>{to} " yourself, by a channel you trust; it is shown only now:"</p>
            <label class="visually-hidden" for="invite-link">"Invitation link"</label>
            <input id="invite-link" class="invite-link" type="text" readonly value=link/>
        </div>
    }
}

#[component]
fn InviteTable(list: Vec<InviteView>, revoke: ServerAction<RevokeInvite>) -> impl IntoView {
    view! {
        <table class="users invites">
            <caption>"Invitations"</caption>
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Invited"</th><th scope="col">"State"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|i| {
                    let pending = i.state == InviteState::Pending;
                    let label = format!("Withdraw the invitation of {}", i.email);
                    view! {
                        <tr>
                            <td>{i.display_name}</td>
                            <td>{i.email}</td>
                            <td>{i.role.label()}</td>
                            <td>{i.created_at} " by " {i.invited_by}</td>
                            <td>
                                {i.state.label()}
                                {pending.then(|| view! {
                                    " until " {i.expires_at.clone()}
                                    <ActionForm action=revoke attr:class="inline">
                                        <input type="hidden" name="id" value=i.id.to_string()/>
                                        <button type="submit" class="secondary" aria-label=label>"Withdraw"</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
