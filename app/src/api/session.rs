//! Signing in and out: the session cookie (HttpOnly; the token's hash is all the server keeps)
//! and the signed-in user every page asks for.

use crate::error::AppError;
use domain::session::SessionUser;
use leptos::prelude::*;

/// The name of the session cookie. HttpOnly: scripts never see it.
pub const SESSION_COOKIE: &str = "fq_session";

/// The signed-in user, or `None`. Pages use it to choose what to show.
#[server(endpoint = "session/current")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use super::backend::*;
    Ok(match auth_state() {
        AuthState::SignedIn(user) => Some(user),
        _ => None,
    })
}

/// Signs in and sets the session cookie; the page then goes to the person's home.
#[server(endpoint = "session/login")]
pub async fn login(username: String, password: String) -> Result<SessionUser, AppError> {
    use super::backend::*;
    use cookies::*;
    let opened = backend()?
        .login(username.trim(), &password, client_address())
        .await?;
    set_cookie(session_cookie(&opened.token, opened.max_age_secs));
    Ok(opened.user)
}

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::backend::*;
    use cookies::*;
    if let Some(token) = session_token() {
        backend()?.logout(&token).await?;
    }
    set_cookie(session_cookie("", 0));
    leptos_axum::redirect("/login?signed_out=1");
    Ok(())
}

/// The signed-in person chooses a new password (after a reset, they must). Their other
/// sessions end; this one stays.
#[server(endpoint = "session/password")]
pub async fn change_password(
    current: String,
    new_password: String,
    repeat: String,
) -> Result<(), AppError> {
    use super::backend::*;
    use cookies::*;
    let user = require_user()?;
    let token = session_token().unwrap_or_default();
    backend()?
        .change_password(&user, current, new_password, repeat, &token)
        .await
}

/// The session cookie as the request carried it and as the response sets it.
#[cfg(feature = "ssr")]
mod cookies {
    use super::SESSION_COOKIE;
    use leptos::prelude::*;

    pub(super) fn session_token() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.to_owned())
    }

    /// `Set-Cookie` for a session: HttpOnly so scripts cannot read it, SameSite=Lax so another
    /// site cannot post with it.
    pub(super) fn session_cookie(token: &str, max_age_secs: i64) -> String {
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}")
    }

    /// The address the request came from, as the server's middleware noted it.
    pub(super) fn client_address() -> Option<std::net::IpAddr> {
        let parts = use_context::<http::request::Parts>()?;
        parts
            .extensions
            .get::<crate::api::backend::ClientAddress>()
            .map(|address| address.0)
    }

    pub(super) fn set_cookie(value: String) {
        if let (Some(resp), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&value),
        ) {
            resp.append_header(http::header::SET_COOKIE, value);
        }
    }
}
