//! Interface language. Simplified Chinese is the default; English is one switch away and the
//! choice persists in a cookie, so the server renders the page in the same language the client
//! hydrates it in.
//!
//! The wording depends on the domain, never the reverse: one file per area — the page texts
//! (`texts`), the procedure's, the backlog register's and entrustment's words, the names of the
//! domain's codes (`names`, `categories`), events, notices, and what went wrong (`problems`).
//! Tables are structs with a field per string and every enum variant is matched exhaustively,
//! so a string without both translations, or a variant without words, does not compile.

pub mod accounts;
pub mod api;
pub mod backlog;
pub mod case_list;
pub mod categories;
pub mod dashboard;
pub mod duplicates;
pub mod entrust;
pub mod events;
pub mod names;
pub mod notices;
pub mod problems;
pub mod procedure;
pub mod records;
pub mod report;
pub mod texts;
pub mod warnings;
pub mod weekly_sweep;

pub use texts::Texts;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "fq_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code {
            "zh" | "zh-CN" => Some(Locale::Zh),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }

    /// Reads the language from a `Cookie` header value; anything unrecognised means Chinese.
    pub fn from_cookie_header(header: &str) -> Locale {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LOCALE_COOKIE)
            .and_then(|(_, value)| Locale::from_code(value.trim()))
            .unwrap_or_default()
    }

    /// The Chinese or the English of a pair of words.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &texts::ZH,
            Locale::En => &texts::EN,
        }
    }
}

/// The language of the page being rendered. On the server it comes from the request's cookie;
/// in the browser from `<html lang>`, which the server wrote from the same cookie, so both
/// sides agree and hydration matches.
pub fn detect_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Locale::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_code(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// The locale provided by `App` for this page.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Shorthand for the current page's string table.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_comes_from_its_cookie_and_defaults_to_chinese() {
        assert_eq!(
            Locale::from_cookie_header("a=1; fq_lang=en; b=2"),
            Locale::En
        );
        assert_eq!(Locale::from_cookie_header("fq_lang=zh"), Locale::Zh);
        assert_eq!(Locale::from_cookie_header("fq_lang=fr"), Locale::Zh);
        assert_eq!(Locale::from_cookie_header(""), Locale::Zh);
    }
}
