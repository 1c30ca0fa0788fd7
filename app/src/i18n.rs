//! Interface language. Simplified Chinese is the default; English is one switch away and the
//! choice persists in a cookie, so the server renders the page in the same language the client
//! hydrates it in.
//!
//! Every string lives in a `Texts` table: adding a field without translating it into both
//! languages does not compile.

use crate::jurisdiction::UnitKind;
use crate::session::{LoginError, Role};
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

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }

    pub fn unit_kind(self, kind: UnitKind) -> &'static str {
        use UnitKind::*;
        match (self, kind) {
            (Locale::Zh, City) => "市",
            (Locale::Zh, County) => "县(区)",
            (Locale::Zh, Township) => "乡镇(街道)",
            (Locale::Zh, Village) => "村(社区)",
            (Locale::Zh, Grid) => "网格",
            (Locale::Zh, SectorCommittee) => "行业性专业性调委会",
            (Locale::Zh, AdminDepartment) => "行政调解部门",
            (Locale::En, City) => "City",
            (Locale::En, County) => "County / district",
            (Locale::En, Township) => "Township / street",
            (Locale::En, Village) => "Village / community",
            (Locale::En, Grid) => "Grid",
            (Locale::En, SectorCommittee) => "Sector mediation committee",
            (Locale::En, AdminDepartment) => "Administrative mediation department",
        }
    }

    pub fn role(self, role: Role) -> &'static str {
        match (self, role) {
            (Locale::Zh, Role::GridWorker) => "网格员",
            (Locale::Zh, Role::Mediator) => "调解员",
            (Locale::Zh, Role::Staff) => "工作人员",
            (Locale::Zh, Role::Supervisor) => "负责人",
            (Locale::Zh, Role::Admin) => "系统管理员",
            (Locale::En, Role::GridWorker) => "Grid worker",
            (Locale::En, Role::Mediator) => "Mediator",
            (Locale::En, Role::Staff) => "Staff",
            (Locale::En, Role::Supervisor) => "Supervisor",
            (Locale::En, Role::Admin) => "Administrator",
        }
    }

    pub fn sector(self, code: &str) -> &'static str {
        let (zh, en) = match code {
            "medical" => ("医疗纠纷", "Medical"),
            "traffic" => ("道路交通", "Road traffic"),
            "property" => ("物业纠纷", "Property management"),
            "labour" => ("劳动争议", "Labour"),
            "consumer" => ("消费纠纷", "Consumer"),
            "education" => ("教育", "Education"),
            "environment" => ("环境保护", "Environment"),
            "food_safety" => ("食品安全", "Food safety"),
            "construction" => ("住建工程", "Construction"),
            "administrative" => ("行政争议", "Administrative disputes"),
            _ => ("其他", "Other"),
        };
        match self {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }

    pub fn login_error(self, error: LoginError) -> &'static str {
        let t = self.texts();
        match error {
            LoginError::WrongCredentials => t.wrong_credentials,
            LoginError::MissingFields => t.missing_fields,
            LoginError::Disabled => t.account_disabled,
            LoginError::Unavailable => t.server_unavailable,
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

/// Every string the interface shows.
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub switch_language: &'static str,
    pub login_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub logging_in: &'static str,
    pub logout: &'static str,
    pub wrong_credentials: &'static str,
    pub missing_fields: &'static str,
    pub account_disabled: &'static str,
    pub server_unavailable: &'static str,
    pub session_expired: &'static str,
    pub signed_out: &'static str,
    pub nav_home: &'static str,
    pub nav_admin: &'static str,
    pub main_navigation: &'static str,
    pub home_grid_worker: &'static str,
    pub home_mediator: &'static str,
    pub home_staff: &'static str,
    pub home_admin: &'static str,
    pub my_unit: &'static str,
    pub reports_to: &'static str,
    pub top_of_tree: &'static str,
    pub units_below: &'static str,
    pub no_units_below: &'static str,
    pub grids_and_workers: &'static str,
    pub attached_units: &'static str,
    pub colleagues: &'static str,
    pub no_colleagues: &'static str,
    pub users_count: &'static str,
    pub units_count: &'static str,
    pub division_code: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub admin_title: &'static str,
    pub jurisdiction_tree: &'static str,
    pub users: &'static str,
    pub add_unit: &'static str,
    pub add_user: &'static str,
    pub parent_unit: &'static str,
    pub unit_kind: &'static str,
    pub unit_name: &'static str,
    pub sector: &'static str,
    pub optional: &'static str,
    pub display_name: &'static str,
    pub phone: &'static str,
    pub role: &'static str,
    pub unit: &'static str,
    pub initial_password: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub unit_added: &'static str,
    pub user_added: &'static str,
    pub choose: &'static str,
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_too_short: &'static str,
    pub err_taken: &'static str,
    pub err_wrong_parent: &'static str,
    pub err_role_unit: &'static str,
    pub err_unknown_value: &'static str,
    pub err_format: &'static str,
    pub err_not_signed_in: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_server: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
}

pub static ZH: Texts = Texts {
    app_name: "枫桥",
    tagline: "矛盾纠纷多元化解平台",
    switch_language: "English",
    login_title: "登录",
    username: "用户名",
    password: "密码",
    login_button: "登录",
    logging_in: "正在登录…",
    logout: "退出登录",
    wrong_credentials: "用户名或密码错误，请重新输入。",
    missing_fields: "请填写用户名和密码。",
    account_disabled: "该账号已停用，请联系系统管理员。",
    server_unavailable: "服务器暂时无法完成登录，请稍后再试。",
    session_expired: "登录已过期，请重新登录。",
    signed_out: "您已安全退出。",
    nav_home: "首页",
    nav_admin: "系统管理",
    main_navigation: "主导航",
    home_grid_worker: "我的网格",
    home_mediator: "本单位调解工作",
    home_staff: "辖区概况",
    home_admin: "系统概况",
    my_unit: "所属单位",
    reports_to: "上级单位",
    top_of_tree: "最高一级",
    units_below: "下辖单位",
    no_units_below: "暂无下辖单位",
    grids_and_workers: "网格与网格员",
    attached_units: "行业性专业性调委会与行政调解部门",
    colleagues: "本单位人员",
    no_colleagues: "本单位暂无其他人员",
    users_count: "人员",
    units_count: "下辖",
    division_code: "区划代码",
    loading: "正在加载…",
    load_failed: "加载失败",
    admin_title: "系统管理",
    jurisdiction_tree: "辖区树",
    users: "用户",
    add_unit: "新增单位",
    add_user: "新增用户",
    parent_unit: "上级单位",
    unit_kind: "单位类型",
    unit_name: "单位名称",
    sector: "行业类别",
    optional: "选填",
    display_name: "姓名",
    phone: "手机号",
    role: "角色",
    unit: "所属单位",
    initial_password: "初始密码",
    save: "保存",
    saving: "正在保存…",
    unit_added: "单位已添加。",
    user_added: "用户已添加。",
    choose: "请选择",
    err_required: "此项必填。",
    err_too_long: "内容过长。",
    err_too_short: "内容过短。",
    err_taken: "已被占用，请换一个。",
    err_wrong_parent: "该类型的单位不能设在所选上级单位之下。",
    err_role_unit: "该角色不能属于所选单位（网格员须属于网格）。",
    err_unknown_value: "无效的选项。",
    err_format: "格式不正确。",
    err_not_signed_in: "请先登录。",
    err_forbidden: "您没有权限进行此操作。",
    err_not_found: "找不到该记录。",
    err_server: "服务器出错，请稍后再试。",
    not_found_title: "页面不存在",
    not_found_body: "您访问的页面不存在或已被移除。",
    back_home: "返回首页",
};

pub static EN: Texts = Texts {
    app_name: "Fengqiao",
    tagline: "Dispute resolution network",
    switch_language: "中文",
    login_title: "Sign in",
    username: "Username",
    password: "Password",
    login_button: "Sign in",
    logging_in: "Signing in…",
    logout: "Sign out",
    wrong_credentials: "Wrong username or password. Please try again.",
    missing_fields: "Please enter your username and password.",
    account_disabled: "This account is disabled. Please contact the administrator.",
    server_unavailable: "The server could not complete the sign-in. Please try again later.",
    session_expired: "Your session has expired. Please sign in again.",
    signed_out: "You have signed out.",
    nav_home: "Home",
    nav_admin: "Administration",
    main_navigation: "Main navigation",
    home_grid_worker: "My grid",
    home_mediator: "Mediation at my unit",
    home_staff: "My jurisdiction",
    home_admin: "System overview",
    my_unit: "My unit",
    reports_to: "Reports to",
    top_of_tree: "Top level",
    units_below: "Units below",
    no_units_below: "No units below",
    grids_and_workers: "Grids and grid workers",
    attached_units: "Sector committees and administrative departments",
    colleagues: "People in this unit",
    no_colleagues: "Nobody else in this unit yet",
    users_count: "people",
    units_count: "units",
    division_code: "Division code",
    loading: "Loading…",
    load_failed: "Could not load",
    admin_title: "Administration",
    jurisdiction_tree: "Jurisdiction tree",
    users: "Users",
    add_unit: "Add a unit",
    add_user: "Add a user",
    parent_unit: "Parent unit",
    unit_kind: "Kind of unit",
    unit_name: "Name",
    sector: "Sector",
    optional: "optional",
    display_name: "Full name",
    phone: "Mobile",
    role: "Role",
    unit: "Unit",
    initial_password: "Initial password",
    save: "Save",
    saving: "Saving…",
    unit_added: "Unit added.",
    user_added: "User added.",
    choose: "Choose",
    err_required: "Required.",
    err_too_long: "Too long.",
    err_too_short: "Too short.",
    err_taken: "Already taken; choose another.",
    err_wrong_parent: "A unit of this kind cannot sit under the chosen parent.",
    err_role_unit: "This role cannot belong to the chosen unit (grid workers belong to a grid).",
    err_unknown_value: "Not a valid choice.",
    err_format: "Wrong format.",
    err_not_signed_in: "Please sign in first.",
    err_forbidden: "You are not allowed to do this.",
    err_not_found: "Not found.",
    err_server: "Server error. Please try again later.",
    not_found_title: "Page not found",
    not_found_body: "The page you asked for does not exist or has been removed.",
    back_home: "Back to home",
};

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

    #[test]
    fn every_unit_kind_and_role_has_a_name_in_both_languages() {
        for locale in [Locale::Zh, Locale::En] {
            for kind in UnitKind::ALL {
                assert!(!locale.unit_kind(kind).is_empty());
            }
            for role in Role::ALL {
                assert!(!locale.role(role).is_empty());
            }
        }
    }
}
