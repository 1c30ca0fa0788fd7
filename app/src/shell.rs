//! The HTML document and the route table.

use crate::components::layout::SignedInLayout;
use crate::i18n::{detect_locale, use_texts};
use crate::pages::{
    account::AccountPage, admin::accounts::AuditRoute, admin::AdminRoute, backlog::BacklogRoute,
    case::CaseRoute, case_list::CaseListRoute, entrust::EntrustRoute, home::HomePage,
    inbox::InboxRoute, login::LoginPage, not_found::NotFound, record::RecordDesk,
    report::ReportRoute, warnings::WarningsRoute, weekly_sweep::SweepBoardRoute, work::WorkRoute,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The whole document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = detect_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.html_lang()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#1f5f8b"/>
                // When this page was rendered: opened later from the service worker's copy with
                // no network, the page says how old what it shows is (`KeptNote`).
                <meta name=crate::components::kept_note::RENDERED_AT content=crate::clock::now_ms().to_string()/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" type="image/svg+xml" href="/icons/icon.svg"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // The service worker keeps the app shell for offline use. Registered before the
                // wasm arrives, so a first visit on a slow line already installs it.
                <script nonce=leptos::nonce::use_nonce()>"if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js'); }"</script>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_locale());
    let t = use_texts();

    // Every page that needs the signed-in user waits for it before sending HTML (`Async`), so
    // the server can redirect or render the page whole, with or without JavaScript.
    view! {
        <Stylesheet id="leptos" href="/pkg/fengqiao.css"/>
        // Each page names itself (`<Title text=…/>` beside its heading); the tab reads
        // "page · 枫桥", so a person with several tabs open tells them apart.
        <Title formatter=move |page: String| if page.is_empty() || page == t.app_name { t.app_name.to_owned() } else { format!("{page} · {}", t.app_name) }/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage/>
                <ParentRoute path=path!("") view=SignedInLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("record") view=RecordDesk ssr=SsrMode::Async/>
                    // Pages a grid worker's phone rarely or never opens come as separate wasm
                    // chunks when first visited (`cargo leptos build --split`), so the phone's
                    // first download holds only sign-in, home and the record form.
                    <Route path=path!("admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("inbox") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("work") view={Lazy::<WorkRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("backlog") view={Lazy::<BacklogRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("entrust") view={Lazy::<EntrustRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cases") view={Lazy::<CaseListRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("reports") view={Lazy::<ReportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("cases/:id") view={Lazy::<CaseRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("sweeps") view={Lazy::<SweepBoardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("warnings") view={Lazy::<WarningsRoute>::new()} ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
