//! The frame around every signed-in page: it loads the signed-in user once, shows the header
//! and navigation, and sends anyone without a session to the sign-in page.

use crate::api::session::current_user;
use crate::components::header::Header;
use crate::components::live_inbox::LiveInbox;
use crate::components::offline_arrival::OfflineArrival;
use crate::device::state::SyncState;
use crate::i18n::use_texts;
use domain::session::SessionUser;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

/// Pages below the layout read the signed-in user from context.
pub fn use_session_user() -> Option<SessionUser> {
    use_context::<SessionUser>()
}

#[component]
pub fn SignedInLayout() -> impl IntoView {
    let t = use_texts();
    let user = Resource::new_blocking(|| (), |_| current_user());
    let sync_state = SyncState::new();
    provide_context(sync_state);
    let live = LiveInbox::new();
    provide_context(live);
    let pathname = leptos_router::hooks::use_location().pathname;
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => {
                        provide_context(user.clone());
                        let person = user.clone();
                        // Runs in the browser only, after hydration.
                        Effect::new(move |_| {
                            crate::device::start(&person, sync_state);
                            #[cfg(feature = "hydrate")]
                            crate::components::live_inbox::connect(live);
                        });
                        // Signed in with a one-time password: only the page that changes it.
                        let must_change = user.must_change_password;
                        EitherOf3::A(view! {
                            <Header user/>
                            <main class="page">
                                <OfflineArrival/>
                                {move || (must_change && pathname.get() != "/account")
                                    .then(|| view! { <Redirect path="/account"/> })}
                                <Outlet/>
                            </main>
                        })
                    }
                    Ok(None) | Err(crate::error::AppError::NotSignedIn) => {
                        EitherOf3::B(view! { <Redirect path="/login"/> })
                    }
                    Err(_) => EitherOf3::C(view! {
                        <main class="page"><p class="error" role="alert">{t.err_server}</p></main>
                    }),
                }
            })}
        </Suspense>
    }
}
