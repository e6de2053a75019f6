//! End-to-end tests in real Chromium against the release build: the page must hydrate (a wasm
//! optimiser can break that while the page still renders), and must work with JavaScript off.
//!
//! Needs `target/site` and the release binary from `cargo leptos build --release` (the README's
//! test command builds them) and Debian's `chromium` and `chromium-driver`. The harness (server,
//! browser, shared steps) is in `tests/support/browser.rs`.

use std::time::Duration;

use claimtrail_tests::browser::*;
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_release_build_runs_its_island_and_sends_forms_in_the_background() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    let result = async {
        sign_in(&c, &base).await;
        open_demo_article(&c).await;
        c.wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#enhanced[data-hydrated='true']"))
            .await
            .expect("the island ran");
        // The kind filter is a link: the server sends the filtered list.
        let total = c
            .find_all(Locator::Css(".claim-card"))
            .await
            .expect("cards")
            .len();
        let denials = c
            .find_all(Locator::Css(".claim-card.kind-denial"))
            .await
            .expect("cards")
            .len();
        assert!(denials >= 1, "the demo article's denial is found");
        click(&c, ".kind-filter a.kind-denial").await;
        wait_for_query(&c, "kind=denial").await;
        wait_for_count(&c, ".claim-card", denials).await;
        for card in &c.find_all(Locator::Css(".claim-card")).await.expect("cards") {
            let class = card.attr("class").await.expect("class").unwrap_or_default();
            assert!(class.contains("kind-denial"), "a listed card is a denial: {class}");
        }
        assert!(total > 10, "all claims were listed before ({total})");
        click(&c, ".kind-filter a[href='?']").await;
        wait_for_count(&c, ".claim-card", total).await;
        wait_for(&c, "#enhanced[data-hydrated='true']").await;

        // A refused form is answered under it, in place: the page is not reloaded (a marker
        // set in it survives) and the typed words stay.
        c.execute("window.__claimtrail_probe = 42; document.querySelector('details.add-claim').open = true;", vec![])
            .await
            .expect("set probe");
        let typed = "words that appear nowhere in this article";
        fill(&c, "#add-quote", typed).await;
        click(&c, "details.add-claim button[type=submit]").await;
        let refusal = text_of(&c, "details.add-claim .card-errors .error").await;
        assert!(refusal.contains("not in the article"), "{refusal}");
        let kept = c
            .execute(
                "return [document.getElementById('add-quote').value, window.__claimtrail_probe || null];",
                vec![],
            )
            .await
            .expect("form");
        assert_eq!(kept, serde_json::json!([typed, 42]), "refused in place, the typed words kept");
        screenshot(&c, "article-hydrated").await;

        // Selecting words the extractor missed fills in the "add a claim" form.
        let words = "they were reported to be from the border province of Kessel";
        let selected = c
            .execute(
                r#"const body = document.querySelector('.article-body');
                   const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
                   let node;
                   while ((node = walker.nextNode())) {
                     const i = node.textContent.indexOf(arguments[0]);
                     if (i >= 0) {
                       const r = document.createRange();
                       r.setStart(node, i);
                       r.setEnd(node, i + arguments[0].length);
                       const s = window.getSelection();
                       s.removeAllRanges();
                       s.addRange(r);
                       node.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                       return true;
                     }
                   }
                   return false;"#,
                vec![serde_json::json!(words)],
            )
            .await
            .expect("select");
        assert_eq!(selected, serde_json::json!(true));
        let filled = c.execute("return [document.getElementById('add-quote').value, document.querySelector('details.add-claim').open];", vec![]).await.expect("form");
        assert_eq!(filled, serde_json::json!([words, true]), "the selection filled the form");
        c.find(Locator::Css("details.add-claim button[type=submit]")).await.expect("add").click().await.expect("click");
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&format!("//li[contains(@class,'claim-card')]/blockquote[text()='{words}']")))
            .await
            .expect("the added claim is listed");
        screenshot(&c, "claim-added").await;

        // A new article pasted into the form opens with its claims highlighted.
        let text = include_str!("fixtures/articles/kakhovka-dam-globalwire-2023-06-06.txt");
        c.goto(&format!("{base}/articles/new"))
            .await
            .expect("ingest page");
        c.wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#enhanced[data-hydrated='true']"))
            .await
            .expect("hydrated");
        c.execute(
            "document.getElementById('text').value = arguments[0];",
            vec![serde_json::json!(text)],
        )
        .await
        .expect("paste");
        c.find(Locator::Css("form.stack button[type=submit]"))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
        c.wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(".claim-mark.kind-denial"))
            .await
            .expect("the pasted article's claims");
        let heading = c
            .find(Locator::Css("article h1"))
            .await
            .expect("h1")
            .text()
            .await
            .expect("text");
        assert!(heading.contains("Kakhovka"), "{heading}");
        screenshot(&c, "pasted-article").await;
    }
    .await;
    screenshot(&c, "article-last").await;
    let _ = c.close().await;
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_works_with_javascript_disabled() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(false, &dir).await;
    sign_in(&c, &base).await;
    open_demo_article(&c).await;
    let hydrated = c
        .find(Locator::Css("#enhanced"))
        .await
        .expect("the island's marker")
        .attr("data-hydrated")
        .await
        .expect("attr");
    assert_eq!(hydrated.as_deref(), Some("false"), "no script ran");
    // Highlight → claim card by anchor, filter by plain link.
    let casualties = c
        .find_all(Locator::Css(".claim-card.kind-casualty"))
        .await
        .expect("cards")
        .len();
    c.find(Locator::Css(".kind-filter a.kind-casualty"))
        .await
        .expect("filter")
        .click()
        .await
        .expect("click");
    wait_for_query(&c, "kind=casualty").await;
    let kinds = c
        .find_all(Locator::Css(".claim-card"))
        .await
        .expect("cards");
    assert!(
        casualties >= 2,
        "the headline's and the body's casualty claims ({casualties})"
    );
    assert_eq!(
        kinds.len(),
        casualties,
        "only the casualty claims are listed"
    );
    for card in &kinds {
        let class = card.attr("class").await.expect("class").unwrap_or_default();
        assert!(
            class.contains("kind-casualty"),
            "a listed card is a casualty: {class}"
        );
    }
    screenshot(&c, "article-no-js").await;
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_proposes_and_an_editor_publishes_with_history() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    sign_in(&c, &base).await;
    // The queue, and a claim from it.
    c.goto(&format!("{base}/review")).await.expect("queue");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let waiting = text_of(&c, ".waiting strong").await;
    assert!(
        waiting.parse::<u32>().is_ok_and(|n| n > 5),
        "claims wait: {waiting}"
    );
    click(&c, ".queue-item .queue-quote a").await;
    wait_for(&c, ".workspace .in-context mark").await;
    let workspace = c.current_url().await.expect("url").to_string();
    assert!(workspace.contains("/review/claims/"), "{workspace}");
    click(&c, ".facts form button").await;
    wait_for(&c, "input[name='to'][value='none']").await;

    // Two sources in a row, through the form that opens in the page: the first with a pasted
    // archived copy, the second without. The form comes back empty after each, and the second
    // source never inherits the first one's fields (its archived copy once did).
    for (n, (url, title, archived)) in [
        (
            "https://example.org/ministry-statement",
            "Ministry statement",
            "The ministry's statement, as archived.",
        ),
        ("https://example.org/agency-report", "Agency report", ""),
    ]
    .into_iter()
    .enumerate()
    {
        wait_for(&c, ".add-source").await;
        c.execute("document.querySelector('.add-source').open = true", vec![])
            .await
            .expect("open the form");
        for field in ["#url-new", "#title-new", "#excerpt-new", "#archived-new"] {
            let left = c
                .execute(
                    &format!("return document.querySelector('{field}').value"),
                    vec![],
                )
                .await
                .expect("value");
            assert_eq!(
                left,
                serde_json::json!(""),
                "{field} is empty before source {n}"
            );
        }
        fill(&c, "#url-new", url).await;
        fill(&c, "#title-new", title).await;
        fill(&c, "#excerpt-new", "The passage that bears on the claim.").await;
        if !archived.is_empty() {
            fill(&c, "#archived-new", archived).await;
        }
        click(&c, ".add-source button[type=submit]").await;
        wait_for_count(&c, ".sources > li", n + 1).await;
    }
    // Each archived copy is the source's own: the pasted text for the first, the excerpt for
    // the second (nothing was pasted there).
    let copies: Vec<String> = {
        let mut out = Vec::new();
        for li in c
            .find_all(Locator::Css(".sources > li .archive-text"))
            .await
            .expect("copies")
        {
            out.push(
                li.prop("textContent")
                    .await
                    .expect("text")
                    .unwrap_or_default(),
            );
        }
        out
    };
    assert_eq!(copies.len(), 2, "{copies:?}");
    assert!(copies[0].contains("as archived"), "{copies:?}");
    assert!(
        !copies[1].contains("as archived") && copies[1].contains("bears on the claim"),
        "the second source kept the first one's archived copy: {copies:?}"
    );
    screenshot(&c, "workspace-sources").await;

    // A verdict proposal; the reviewer cannot decide on it.
    fill(&c, "#rationale", "Both sources **confirm** the figure.").await;
    click(&c, ".propose button[type=submit]").await;
    wait_for(&c, ".verdict-proposed").await;
    assert!(
        c.find(Locator::Css(".decide")).await.is_err(),
        "no approve form for a reviewer"
    );
    let html = wait_for(&c, ".verdict-proposed .rationale")
        .await
        .html(true)
        .await
        .expect("html");
    assert!(html.contains("<strong>confirm</strong>"), "{html}");

    // The editor approves: the claim is published, with its history.
    click(&c, ".who button").await;
    wait_for(&c, "a.who[href='/login']").await;
    sign_in_as(&c, &base, "editor@claimtrail.test").await;
    c.goto(&workspace).await.expect("workspace");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    fill(&c, ".decide input[name='note']", "Checked both.").await;
    click(&c, ".decide form button[type=submit]").await;
    wait_for(&c, ".status-published").await;
    wait_for(&c, ".verdict-approved").await;
    let history = text_of(&c, ".history").await;
    // In sentences, not action codes.
    for step in [
        "changed who reviews the claim",
        "added a source",
        "proposed a verdict",
        "approved the verdict",
    ] {
        assert!(history.contains(step), "{step} in {history}");
    }
    assert!(!history.contains("verdict.approve"), "{history}");
    assert!(history.contains("Rita Reviewer") || history.contains("reviewer@claimtrail.test"));
    screenshot(&c, "workspace-published").await;
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_without_javascript_reads_the_demo_fact_check_on_a_phone() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(false, &dir).await;
    // No account: the public list, then the fact-check, as a shared link opens it.
    c.goto(&format!("{base}/claims")).await.expect("list");
    click(&c, ".fact-checks .queue-quote a").await;
    wait_for(&c, ".fact-check .verdict-box").await;
    let url = c.current_url().await.expect("url");
    assert!(url.path().starts_with("/claims/"), "{url}");
    let text = text_of(&c, ".fact-check").await.to_lowercase();
    // (Case aside: the badge is upper-cased by CSS.)
    for needed in [
        "true",
        "41",
        "evidence weighed",
        "where the claim appeared",
        "history",
        "verdict published",
    ] {
        assert!(text.contains(needed), "{needed} in {text}");
    }
    // Scripts are off, so the markup is read from the page source.
    let src = c.source().await.expect("source");
    assert!(
        src.contains("\"@type\":\"ClaimReview\""),
        "ClaimReview markup is in the page"
    );
    // It fits the narrow window: no block of the page reaches past the page's own width.
    let page = c
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .rectangle()
        .await
        .expect("size");
    for css in [
        ".site-header",
        ".fact-check",
        ".verdict-box",
        ".sources",
        ".in-context",
        ".share",
    ] {
        let (x, _, w, _) = c
            .find(Locator::Css(css))
            .await
            .expect(css)
            .rectangle()
            .await
            .expect("size");
        assert!(
            x + w <= page.0 + page.2 + 0.5,
            "{css} ends at {} past the page's {}",
            x + w,
            page.2
        );
    }
    assert!(page.2 <= 520.0, "a phone-sized window: {}", page.2);
    // Search finds it by a word of its rationale.
    c.goto(&format!("{base}/claims?q=lower+bound"))
        .await
        .expect("search");
    wait_for(&c, ".fact-checks li").await;
    screenshot(&c, "fact-check-phone-no-js").await;
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_runs_the_newsroom_from_the_dashboard() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    // A reviewer is refused the dashboard.
    sign_in(&c, &base).await;
    c.goto(&format!("{base}/admin")).await.expect("admin");
    let refused = text_of(&c, ".error").await;
    assert!(refused.contains("role does not allow"), "{refused}");
    click(&c, ".who button").await;
    wait_for(&c, "a.who[href='/login']").await;

    // The admin sees the demo's published fact-check in the tiles and the charts.
    sign_in_as(&c, &base, "admin@claimtrail.test").await;
    c.goto(&format!("{base}/admin")).await.expect("admin");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let published = text_of(&c, "#tile-published-week").await;
    assert_eq!(
        published, "1",
        "the demo fact-check was published this week"
    );
    let chart = wait_for(&c, "svg[role='img']")
        .await
        .attr("aria-label")
        .await
        .expect("label");
    assert!(
        chart.is_some_and(|l| l.contains("True 1")),
        "the verdict chart shows it"
    );
    screenshot(&c, "dashboard").await;

    // Creates a reviewer, then makes them an editor.
    c.goto(&format!("{base}/admin/users")).await.expect("users");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    fill(&c, "#new-email", "newcomer@claimtrail.test").await;
    fill(&c, "#new-name", "Nora Newcomer").await;
    fill(&c, "#new-password", "a first password for Nora").await;
    click(&c, "#new-user ~ form button[type=submit]").await;
    wait_for(&c, ".notice").await;
    let row = "//tr[td[text()='newcomer@claimtrail.test']]";
    let select = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&format!("{row}//select")))
        .await
        .expect("the new account's row");
    select
        .select_by_value("editor")
        .await
        .expect("choose editor");
    c.find(Locator::XPath(&format!("{row}//button")))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    for _ in 0..100 {
        let role = c
            .find(Locator::XPath(&format!("{row}//select/option[@selected]")))
            .await;
        if let Ok(o) = role
            && o.attr("value").await.ok().flatten().as_deref() == Some("editor")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Verifies the audit chain, which now records those changes.
    c.goto(&format!("{base}/admin/audit")).await.expect("audit");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let trail = text_of(&c, "ol.audit").await;
    assert!(
        trail.contains("user.create") && trail.contains("user.change"),
        "{trail}"
    );
    click(&c, "#verify-chain button").await;
    let result = text_of(&c, "#chain-result").await;
    assert!(result.contains("The chain holds"), "{result}");
    // The events stay listed after the check, and after the list is read again (they were once
    // replaced by an error).
    for _ in 0..20 {
        let trail = text_of(&c, "ol.audit").await;
        assert!(trail.contains("user.create"), "{trail}");
        let page = c.source().await.expect("source");
        assert!(
            !page.contains("error deserializing"),
            "the list survived the check"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&c, "audit-verified").await;
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_reviewer_joins_by_link_and_chooses_a_password() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    sign_in_as(&c, &base, "admin@claimtrail.test").await;
    c.goto(&format!("{base}/admin/users")).await.expect("users");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    fill(&c, "#invite-email", "ines@claimtrail.test").await;
    fill(&c, "#invite-name", "Ines Invited").await;
    click(&c, "#invite-user ~ form button[type=submit]").await;
    let link = wait_for(&c, "#invite-link")
        .await
        .prop("value")
        .await
        .expect("value")
        .expect("the link");
    assert!(link.starts_with(&format!("{base}/invite/")), "{link}");
    let row = text_of(&c, "table.invites").await;
    assert!(
        row.contains("ines@claimtrail.test") && row.contains("Pending"),
        "{row}"
    );
    screenshot(&c, "invitation-made").await;
    click(&c, ".who button").await;
    wait_for(&c, "a.who[href='/login']").await;

    // The invitee opens the link, chooses a password and lands in the review queue, signed in.
    c.goto(&link).await.expect("the link");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let intro = text_of(&c, "section.narrow p").await;
    assert!(
        intro.contains("ines@claimtrail.test") && intro.contains("Reviewer"),
        "{intro}"
    );
    fill(&c, "#invite-password", "my own long password").await;
    fill(&c, "#invite-confirm", "my own long password").await;
    click(&c, "section.narrow form button[type=submit]").await;
    for _ in 0..150 {
        if c.current_url().await.is_ok_and(|u| u.path() == "/review") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let queue = text_of(&c, "h1").await;
    assert_eq!(queue, "Review queue");
    let who = text_of(&c, "div.who span").await;
    assert!(who.contains("Ines Invited"), "{who}");
    screenshot(&c, "invitation-accepted").await;

    // The link is spent.
    c.goto(&link).await.expect("the link again");
    let spent = text_of(&c, ".error").await;
    assert!(spent.contains("used already"), "{spent}");
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_edit_is_refused_in_its_card_and_the_typed_edit_stays() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    sign_in(&c, &base).await;
    open_demo_article(&c).await;
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let (card_id, claim_id) =
        open_claim_editor(&c, ".claim-list li.claim-card:has(details.claim-edit)").await;
    let claimant = format!("#claimant-{claim_id}");
    let hedged = format!("#{card_id} input[name='hedged']");
    let read = |js: String| {
        let c = c.clone();
        // Null while the page is being loaded again.
        async move { c.execute(&js, vec![]).await.unwrap_or_default() }
    };
    let stored_claimant = read(format!("return document.querySelector('{claimant}').value")).await;
    let stored_hedged = read(format!(
        "return document.querySelector(\"{hedged}\").checked"
    ))
    .await;
    fill(&c, &claimant, "Typed by this reviewer").await;

    // Meanwhile someone else saves a change to the same claim.
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}",
        dir.path.join("browser.db").display()
    ))
    .await
    .expect("the server's database");
    use sea_orm::ConnectionTrait;
    let blob = uuid::Uuid::parse_str(&claim_id).expect("uuid");
    let changed = db.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        "UPDATE claim SET version = version + 1, trace_version = trace_version + 1, hedged = NOT hedged WHERE id = ?",
        [blob.into()],
    ))
    .await
    .expect("a concurrent change");
    // One row: the change reached the server's own database, not some other file.
    assert_eq!(changed.rows_affected(), 1, "the concurrent change");

    click(
        &c,
        &format!("#{card_id} details.claim-edit form button[type=submit]"),
    )
    .await;
    // The refusal is in the card that was edited, and the typed edit is still there.
    let error = wait_for(&c, &format!("#{card_id} .card-errors .error"))
        .await
        .text()
        .await
        .expect("text");
    assert!(!error.is_empty(), "a reason is given");
    let typed = c
        .execute(
            &format!("return document.querySelector('{claimant}').value"),
            vec![],
        )
        .await
        .expect("value");
    assert_eq!(typed, serde_json::json!("Typed by this reviewer"));
    screenshot(&c, "stale-edit-refused").await;

    // Loading the claim as it is now shows the other change (and drops the typed edit).
    click(&c, &format!("#{card_id} .card-errors button")).await;
    for _ in 0..100 {
        let now = read(format!(
            "let e = document.querySelector(\"{hedged}\"); return e ? e.checked : null"
        ))
        .await;
        if now == serde_json::json!(!stored_hedged.as_bool().expect("bool")) {
            let claimant_now =
                read(format!("return document.querySelector('{claimant}').value")).await;
            assert_eq!(claimant_now, stored_claimant);
            let _ = c.close().await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the card never showed the claim as it is now");
}

/// An editor corrects an article's details: the page comes back with the corrected header, the
/// correction is listed; a correction made meanwhile by someone else is refused beside the form,
/// with the typed value kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_corrects_an_articles_details_and_a_stale_correction_is_refused_in_place() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    sign_in_as(&c, &base, "editor@claimtrail.test").await;
    open_demo_article(&c).await;
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    let article_id = c
        .current_url()
        .await
        .expect("url")
        .path()
        .trim_start_matches("/articles/")
        .to_owned();
    click(&c, "details.details-editor summary").await;
    fill(&c, "#details-publisher", "Corrected Wire Service").await;
    fill(&c, "#details-reason", "the wire's name").await;
    click(&c, "details.details-editor form button[type=submit]").await;
    let mut shown = false;
    for _ in 0..100 {
        // The page is loaded again after the correction: a script may meet it mid-load.
        let meta = c
            .execute(
                "const m = document.querySelector('.article header .meta'); return m ? m.textContent : ''",
                vec![],
            )
            .await
            .unwrap_or_default();
        if meta
            .as_str()
            .is_some_and(|m| m.contains("Corrected Wire Service"))
        {
            shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(shown, "the header shows the corrected publisher");
    let history = text_of(&c, "details.details-history summary").await;
    assert_eq!(history, "Details corrected 1 time");

    // Someone else corrects the details meanwhile; this editor's correction is refused at the
    // form, and what they typed stays.
    click(&c, "details.details-editor summary").await;
    fill(&c, "#details-byline", "Typed by this editor").await;
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}",
        dir.path.join("browser.db").display()
    ))
    .await
    .expect("the server's database");
    use sea_orm::ConnectionTrait;
    let changed = db
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Sqlite,
            "UPDATE article SET version = version + 1 WHERE id = ?",
            [uuid::Uuid::parse_str(&article_id).expect("uuid").into()],
        ))
        .await
        .expect("a concurrent correction");
    assert_eq!(changed.rows_affected(), 1, "the concurrent correction");
    click(&c, "details.details-editor form button[type=submit]").await;
    let error = text_of(&c, "details.details-editor .error").await;
    assert!(error.contains("changed"), "{error}");
    let typed = c
        .execute(
            "return document.querySelector('#details-byline').value",
            vec![],
        )
        .await
        .expect("value");
    assert_eq!(typed, serde_json::json!("Typed by this editor"));
    wait_for(&c, "details.details-editor button.secondary").await;
    screenshot(&c, "article-details-stale").await;
    let _ = c.close().await;
}

/// A reviewer uploads a text file whose head carries labelled details: they become the
/// article's title, publisher and date (not a bold first paragraph); then a figure the extractor
/// read is corrected in its row, and the card shows the corrected figure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_with_a_header_is_read_and_a_figure_is_corrected_in_its_row() {
    let (_server, base, dir) = start_server().await;
    let (_driver, c) = start_browser(true, &dir).await;
    sign_in(&c, &base).await;
    let file = dir.path.join("depot-fire.txt");
    std::fs::write(
        &file,
        "TITLE: Depot fire injures nine\nPUBLISHER: Wire One\nDATE: 2026-03-02\n\
         URL: https://wire.example/depot\n\n\
         A fire at the fuel depot on Monday injured nine workers, the fire service said.\n\n\
         Two men were detained near the site on Monday evening, police said.\n",
    )
    .expect("write the file");
    c.goto(&format!("{base}/articles/new"))
        .await
        .expect("ingest page");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;
    wait_for(&c, "#upload-file")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    click(
        &c,
        "form[enctype='multipart/form-data'] button[type=submit]",
    )
    .await;
    let heading = text_of(&c, "article.article h1").await;
    assert_eq!(heading, "Depot fire injures nine");
    let meta = text_of(&c, "article.article header .meta").await;
    assert!(
        meta.contains("Wire One") && meta.contains("2026-03-02"),
        "{meta}"
    );
    let source = c.source().await.expect("source");
    assert!(!source.contains("TITLE:"), "the header is not text");
    wait_for(&c, "#enhanced[data-hydrated='true']").await;

    // The casualty figure, corrected in its row.
    let (card_id, claim_id) = open_claim_editor(
        &c,
        ".claim-list li.claim-card:has(ul.figures):has(details.claim-edit)",
    )
    .await;
    // "Add a figure" (shown by the island) adds a blank row numbered after the others.
    let rows = format!("#{card_id} form.figure-rows fieldset.figure-row");
    let before = c.find_all(Locator::Css(&rows)).await.expect("rows").len();
    click(&c, &format!("#{card_id} form.figure-rows [data-add-row]")).await;
    wait_for_count(&c, &rows, before + 1).await;
    let added = wait_for(&c, &format!("#figure-{claim_id}-{before}-value")).await;
    assert_eq!(
        added.attr("name").await.expect("name").as_deref(),
        Some(format!("rows[{before}][value]").as_str())
    );
    assert_eq!(
        added.prop("value").await.expect("value").as_deref(),
        Some("")
    );
    fill(&c, &format!("#figure-{claim_id}-0-value"), "11").await;
    click(
        &c,
        &format!("#{card_id} form.figure-rows button[type=submit]"),
    )
    .await;
    for _ in 0..100 {
        let figures = c
            .execute(
                &format!("let f = document.querySelector('#{card_id} ul.figures'); return f ? f.textContent : ''"),
                vec![],
            )
            .await
            .unwrap_or_default();
        if figures.as_str().is_some_and(|f| f.contains("11")) {
            screenshot(&c, "figure-corrected").await;
            let _ = c.close().await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the card never showed the corrected figure");
}

/// Every page of the demo passes axe-core's WCAG 2.1 A and AA rules, in light and dark mode, at
/// phone and desktop sizes: the public ones signed out, the newsroom's as an admin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_core_in_light_and_dark_at_phone_and_desktop_sizes() {
    let (_server, base, dir) = start_server().await;
    for dark in [false, true] {
        let (_driver, c) = start_browser_with(true, dark, &dir).await;
        c.goto(&format!("{base}/claims")).await.expect("list");
        let scheme = c
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches",
                vec![],
            )
            .await
            .expect("scheme");
        assert_eq!(
            scheme,
            serde_json::json!(dark),
            "the browser's colour scheme"
        );
        for (width, height) in [(412, 915), (1280, 900)] {
            c.set_window_size(width, height).await.expect("size");
            let mode = format!("{} at {width}px", if dark { "dark" } else { "light" });
            // Signed out: the public pages and sign-in.
            c.delete_all_cookies().await.expect("sign out");
            let mut pages = vec![
                format!("{base}/"),
                format!("{base}/claims"),
                format!("{base}/login"),
            ];
            c.goto(&format!("{base}/claims")).await.expect("list");
            let fact_check = wait_for(&c, ".fact-checks .queue-quote a")
                .await
                .attr("href")
                .await
                .expect("href")
                .expect("a fact-check");
            pages.push(format!("{base}{fact_check}"));
            for page in &pages {
                c.goto(page).await.expect("page");
                settled(&c).await;
                assert_accessible(&c, &format!("{page} ({mode})")).await;
            }
            // Signed in as the admin: every newsroom page.
            sign_in_as(&c, &base, "admin@claimtrail.test").await;
            open_demo_article(&c).await;
            let article = c.current_url().await.expect("url").to_string();
            let workspace = wait_for(&c, ".claim-links a")
                .await
                .attr("href")
                .await
                .expect("href")
                .expect("a workspace");
            for page in [
                article,
                format!("{base}{workspace}"),
                format!("{base}/articles/new"),
                format!("{base}/review"),
                format!("{base}/review/stories"),
                format!("{base}/review/fact-checks"),
                format!("{base}/admin"),
                format!("{base}/admin/users"),
                format!("{base}/admin/audit"),
                format!("{base}/admin/articles"),
                format!("{base}/account/tokens"),
            ] {
                c.goto(&page).await.expect("page");
                settled(&c).await;
                assert_accessible(&c, &format!("{page} ({mode})")).await;
            }
        }
        let _ = c.close().await;
    }
}

/// Waits for a page to be loaded and, where it has the island, for the island to run (readers'
/// pages are served without the wasm).
async fn settled(c: &fantoccini::Client) {
    wait_for(c, "main").await;
    for _ in 0..30 {
        let state = c
            .execute(
                "const island = document.querySelector('#enhanced'); \
                 const wasm = document.querySelector('link[rel=modulepreload]'); \
                 return document.readyState === 'complete' && (!wasm || !island || island.dataset.hydrated === 'true');",
                vec![],
            )
            .await
            .expect("state");
        if state == serde_json::json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
