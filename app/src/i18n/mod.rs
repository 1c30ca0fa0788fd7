//! Interface language. Simplified Chinese is the default; English is one switch away and the
//! choice persists in a cookie, so the server renders the page in the same language the client
//! hydrates it in.
//!
//! Every string lives in a `Texts` table: adding a field without translating it into both
//! languages does not compile.

pub mod categories;
pub mod events;
pub mod notices;

use domain::jurisdiction::UnitKind;
use domain::session::{LoginError, Role};
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
            (Locale::Zh, Court) => "人民法院",
            (Locale::En, Court) => "People's court",
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

    /// A dispute category's name in `list` (the deployment's list as last synced), else in the
    /// built-in list; a code neither knows (from a newer list) shows as itself.
    pub fn category(self, list: &[domain::dispute::Category], code: &str) -> String {
        let name = |c: &domain::dispute::Category| match self {
            Locale::Zh => c.name_zh.clone(),
            Locale::En => c.name_en.clone(),
        };
        if let Some(found) = list.iter().find(|c| c.code == code) {
            return name(found);
        }
        domain::dispute::BuiltInCategory::from_code(code).map_or_else(
            || code.to_owned(),
            |built_in| {
                let (zh, en) = categories::built_in_names(built_in);
                match self {
                    Locale::Zh => zh.to_owned(),
                    Locale::En => en.to_owned(),
                }
            },
        )
    }

    pub fn party_role(self, role: domain::dispute::PartyRole) -> &'static str {
        use domain::dispute::PartyRole;
        let t = self.texts();
        match role {
            PartyRole::Applicant => t.role_applicant,
            PartyRole::Respondent => t.role_respondent,
            PartyRole::Other => t.role_other,
        }
    }

    /// A mediation channel's name, from its code.
    pub fn channel_code(self, code: &str) -> &'static str {
        domain::rules::Channel::from_code(code).map_or("", |c| self.channel(c))
    }

    /// A mediation channel's name.
    pub fn channel(self, channel: domain::rules::Channel) -> &'static str {
        use domain::rules::Channel::*;
        let zh = self == Locale::Zh;
        match (channel, zh) {
            (People, true) => "人民调解",
            (People, false) => "People's mediation",
            (Administrative, true) => "行政调解",
            (Administrative, false) => "Administrative mediation",
            (Sector, true) => "行业性专业性调解",
            (Sector, false) => "Sector mediation",
            (Joint, true) => "联合调解",
            (Joint, false) => "Joint mediation",
            (Judicial, true) => "司法调解",
            (Judicial, false) => "Judicial mediation",
        }
    }

    pub fn party_kind(self, kind: domain::dispute::PartyKind) -> &'static str {
        use domain::dispute::PartyKind::*;
        let zh = self == Locale::Zh;
        match (kind, zh) {
            (Person, true) => "个人",
            (Person, false) => "Person",
            (Organisation, true) => "企业或组织",
            (Organisation, false) => "Company or organisation",
            (Government, true) => "行政机关",
            (Government, false) => "Government body",
        }
    }

    /// A case status's name; statuses later issues add show as their code until named here.
    pub fn case_status(self, status: &str) -> String {
        let t = self.texts();
        match status {
            "recorded" => t.status_recorded.to_owned(),
            "resolved_on_spot" => t.status_resolved_on_spot.to_owned(),
            "routed" => t.status_routed.to_owned(),
            "escalated" => t.status_escalated.to_owned(),
            "resolved" => t.status_resolved.to_owned(),
            other => domain::procedure::CaseStatus::from_code(other)
                .map_or_else(|| other.to_owned(), |s| self.status(s)),
        }
    }

    /// The label of a dispute field, from its path (`parties[1].phone` → 当事人 2 · 联系电话).
    pub fn field_label(self, path: &str) -> String {
        let t = self.texts();
        let p = self.procedure();
        let leaf = |name: &str| -> &'static str {
            match name {
                "category" => t.category,
                "summary" => t.summary,
                "parties" => t.parties,
                "name" => t.party_name,
                "role" => t.party_role,
                "phone" => t.party_phone,
                "id_number" => t.party_id,
                "amount_fen" => t.amount,
                "people_involved" => t.people,
                "location" => t.location,
                "gps" => t.gps_button,
                "resolved_on_spot" => t.on_spot_result,
                "reason" => t.escalate_reason,
                "result" => t.resolve_result,
                "notes" => t.session_notes,
                "place" => t.session_place,
                "terms" => p.terms,
                "signed_on" => p.signed_on,
                "perform_by" => p.perform_by,
                "applied_on" => p.applied_on,
                "court" => p.court,
                "ruling" => p.ruling,
                "participants" => p.participants,
                "unit_ids" => p.join_units,
                "leader" => self.backlog().leader_name,
                "court_case_number" => self.entrust().court_case_number,
                "post" => self.backlog().leader_post,
                _ => "",
            }
        };
        let path = path.strip_prefix("payload.").unwrap_or(path);
        // An entrustment's facts are read as a recorded dispute's.
        let path = path.strip_prefix("facts.").unwrap_or(path);
        if let Some(rest) = path.strip_prefix("parties[") {
            if let Some((index, field)) = rest.split_once("].") {
                let number = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
                return format!("{} {number} · {}", t.parties, leaf(field));
            }
        }
        match leaf(path) {
            "" => path.to_owned(),
            label => label.to_owned(),
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
    pub nav_inbox: &'static str,
    pub recent_notices: &'static str,
    pub rules_title: &'static str,
    pub rules_file: &'static str,
    pub rules_try: &'static str,
    pub rules_try_button: &'static str,
    pub government_party: &'static str,
    pub webhooks_title: &'static str,
    pub webhook_format: &'static str,
    pub webhook_url: &'static str,
    pub webhook_added: &'static str,
    pub dingtalk: &'static str,
    pub wecom: &'static str,
    pub delivery_log: &'static str,
    pub attempts_suffix: &'static str,
    pub status_routed: &'static str,
    pub status_escalated: &'static str,
    pub status_resolved: &'static str,
    pub status_terminated: &'static str,
    pub case_title: &'static str,
    pub holder: &'static str,
    pub co_holders: &'static str,
    pub channel: &'static str,
    pub deadline: &'static str,
    pub recorded_in: &'static str,
    pub timeline: &'static str,
    pub acknowledge: &'static str,
    pub escalate: &'static str,
    pub escalate_reason: &'static str,
    pub resolve: &'static str,
    pub resolve_result: &'static str,
    pub action_saved: &'static str,
    pub action_refused: &'static str,
    pub not_acknowledged: &'static str,
    pub session_place: &'static str,
    pub session_notes: &'static str,
    pub session_failed: &'static str,
    pub record_session: &'static str,
    pub will_go_to: &'static str,
    pub went_to: &'static str,
    pub preview_waiting: &'static str,
    pub party_kind: &'static str,
    pub inbox_title: &'static str,
    pub inbox_empty: &'static str,
    pub mark_all_read: &'static str,
    pub unread: &'static str,
    pub because: &'static str,
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
    pub categories_title: &'static str,
    pub category_code: &'static str,
    pub category_name_zh: &'static str,
    pub category_name_en: &'static str,
    pub category_hint: &'static str,
    pub category_saved: &'static str,
    pub category_retired: &'static str,
    pub retire: &'static str,
    pub restore: &'static str,
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
    pub sync_online: &'static str,
    pub sync_offline: &'static str,
    pub sync_pending: &'static str,
    pub sync_set_aside: &'static str,
    pub sync_last: &'static str,
    pub sync_never: &'static str,
    pub sync_now: &'static str,
    pub syncing: &'static str,
    pub sync_status: &'static str,
    pub problem_offline: &'static str,
    pub problem_server: &'static str,
    pub problem_session: &'static str,
    pub problem_storage: &'static str,
    pub problem_refused: &'static str,
    pub logout_pending_1: &'static str,
    pub logout_pending_2: &'static str,
    pub nav_record: &'static str,
    pub record_title: &'static str,
    pub category: &'static str,
    pub summary: &'static str,
    pub parties: &'static str,
    pub party_name: &'static str,
    pub party_role: &'static str,
    pub role_applicant: &'static str,
    pub role_respondent: &'static str,
    pub role_other: &'static str,
    pub party_phone: &'static str,
    pub party_id: &'static str,
    pub add_party: &'static str,
    pub remove_party: &'static str,
    pub amount: &'static str,
    pub people: &'static str,
    pub location: &'static str,
    pub gps_button: &'static str,
    pub gps_got: &'static str,
    pub gps_failed: &'static str,
    pub flags: &'static str,
    pub facts_clear: &'static str,
    pub sensitive: &'static str,
    pub petition_risk: &'static str,
    pub on_spot: &'static str,
    pub on_spot_result: &'static str,
    pub consent: &'static str,
    pub save_record: &'static str,
    pub saved_offline: &'static str,
    pub fix_errors: &'static str,
    pub my_cases: &'static str,
    pub cases_in_unit: &'static str,
    pub waiting_number: &'static str,
    pub set_aside_title: &'static str,
    pub correct: &'static str,
    pub discard: &'static str,
    pub discard_confirm: &'static str,
    pub no_cases: &'static str,
    pub status_recorded: &'static str,
    pub status_resolved_on_spot: &'static str,
    pub reject_not_allowed: &'static str,
    pub reject_id_taken: &'static str,
    pub reject_case_exists: &'static str,
    pub reject_unknown_case: &'static str,
    pub reject_not_holder: &'static str,
    pub reject_case_closed: &'static str,
    pub reject_malformed: &'static str,
    pub correcting: &'static str,
    pub optional_hint: &'static str,
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
    nav_inbox: "消息",
    recent_notices: "最新消息",
    rules_title: "分流规则",
    rules_file: "查看规则文件原文",
    rules_try: "试算一个案件",
    rules_try_button: "试算",
    government_party: "一方为行政机关",
    webhooks_title: "群机器人推送（钉钉 / 企业微信）",
    webhook_format: "机器人类型",
    webhook_url: "机器人地址（Webhook）",
    webhook_added: "已添加机器人。",
    dingtalk: "钉钉群机器人",
    wecom: "企业微信群机器人",
    delivery_log: "推送记录",
    attempts_suffix: " 次尝试",
    status_routed: "已分派",
    status_escalated: "已上报",
    status_resolved: "已办结",
    status_terminated: "调解终结",
    case_title: "案件",
    holder: "承办单位",
    co_holders: "联合承办",
    channel: "调解方式",
    deadline: "办理期限",
    recorded_in: "登记网格",
    timeline: "办理经过",
    acknowledge: "签收",
    escalate: "上报上一级",
    escalate_reason: "上报理由（本级无法化解的原因）",
    resolve: "调解成功，办结",
    resolve_result: "调解结果（协议内容或处理情况）",
    action_saved: "已记录，正在同步…",
    action_refused: "操作未被接受：",
    not_acknowledged: "未签收",
    session_place: "调解地点",
    session_notes: "调解情况",
    session_failed: "本次调解未成功（计入本级调解次数）",
    record_session: "记录一次调解",
    will_go_to: "保存后将转至：",
    went_to: "将转至：",
    preview_waiting: "填写完整后，这里显示案件将转至哪个单位。",
    party_kind: "当事人类型",
    inbox_title: "消息通知",
    inbox_empty: "暂无消息。",
    mark_all_read: "全部标为已读",
    unread: "未读",
    because: "依据：",
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
    categories_title: "纠纷类别",
    category_code: "类别代码",
    category_name_zh: "中文名称",
    category_name_en: "英文名称",
    category_hint: "代码由小写字母、数字和下划线组成，启用后不再更改；填写已有代码即修改其名称。停用的类别不再出现在登记表中，已登记的纠纷不受影响。",
    category_saved: "类别已保存。",
    category_retired: "已停用",
    retire: "停用",
    restore: "恢复启用",
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
    sync_online: "在线",
    sync_offline: "离线",
    sync_pending: "待同步",
    sync_set_aside: "需处理",
    sync_last: "上次同步",
    sync_never: "尚未同步",
    sync_now: "立即同步",
    syncing: "正在同步…",
    sync_status: "同步状态",
    problem_offline: "网络不可用，联网后将自动同步。",
    problem_server: "服务器暂时不可用，稍后自动重试。",
    problem_session: "登录已过期，请联网后重新登录；本机记录不会丢失。",
    problem_storage: "手机存储空间已满，记录无法保存，请先同步或清理存储空间。",
    problem_refused: "服务器拒绝了同步：",
    logout_pending_1: "本机还有 ",
    logout_pending_2: " 条记录未同步。退出后它们仍保存在本机，您重新登录后会自动同步。确定退出吗？",
    nav_record: "登记纠纷",
    record_title: "登记矛盾纠纷",
    category: "纠纷类别",
    summary: "纠纷简要情况",
    parties: "当事人",
    party_name: "姓名或名称",
    party_role: "身份",
    role_applicant: "申请人",
    role_respondent: "被申请人",
    role_other: "其他当事人",
    party_phone: "联系电话",
    party_id: "身份证号",
    add_party: "＋ 添加当事人",
    remove_party: "删除此当事人",
    amount: "争议金额（元）",
    people: "涉及人数",
    location: "发生地点",
    gps_button: "获取定位",
    gps_got: "已定位，精度约（米）",
    gps_failed: "无法获取定位，可只填写地点。",
    flags: "情况标记",
    facts_clear: "事实清楚",
    sensitive: "涉敏感人员或信息",
    petition_risk: "有越级上访或群体性事件风险",
    on_spot: "已当场化解",
    on_spot_result: "化解结果",
    consent: "当事人同意移送",
    save_record: "保存",
    saved_offline: "已保存到本机，将自动同步。",
    fix_errors: "请更正标出的内容后再保存。",
    my_cases: "我登记的纠纷",
    cases_in_unit: "本辖区的纠纷",
    waiting_number: "待同步",
    set_aside_title: "未被接收的记录",
    correct: "修改后重发",
    discard: "放弃",
    discard_confirm: "确定放弃这条记录吗？放弃后无法恢复。",
    no_cases: "还没有纠纷记录。",
    status_recorded: "已登记",
    status_resolved_on_spot: "当场化解",
    reject_not_allowed: "只有网格员可以登记本网格的纠纷。",
    reject_id_taken: "记录编号冲突，请修改后重发。",
    reject_case_exists: "该纠纷已经登记过。",
    reject_unknown_case: "找不到这个案件，或您无权查看。",
    reject_not_holder: "您的单位已不再承办此案（可能已被他人处理），现由：",
    reject_case_closed: "此案已结束，当前状态：",
    reject_malformed: "记录无法识别：",
    correcting: "正在修改一条未被接收的记录。",
    optional_hint: "选填",
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
    nav_inbox: "Inbox",
    recent_notices: "Latest notifications",
    rules_title: "Routing rules",
    rules_file: "Show the rule file",
    rules_try: "Try a case",
    rules_try_button: "Try",
    government_party: "A government body is a party",
    webhooks_title: "Group robots (DingTalk / WeCom)",
    webhook_format: "Robot type",
    webhook_url: "Robot address (webhook)",
    webhook_added: "Robot added.",
    dingtalk: "DingTalk group robot",
    wecom: "WeCom group robot",
    delivery_log: "Deliveries",
    attempts_suffix: " attempts",
    status_routed: "Routed",
    status_escalated: "Escalated",
    status_resolved: "Resolved",
    status_terminated: "Terminated",
    case_title: "Case",
    holder: "Held by",
    co_holders: "Joint holders",
    channel: "Channel",
    deadline: "Deadline",
    recorded_in: "Recorded in",
    timeline: "History",
    acknowledge: "Acknowledge",
    escalate: "Escalate one tier up",
    escalate_reason: "Reason (why this tier cannot resolve it)",
    resolve: "Resolved — close",
    resolve_result: "Result (the agreement or what was done)",
    action_saved: "Recorded, syncing…",
    action_refused: "Not accepted: ",
    not_acknowledged: "not acknowledged",
    session_place: "Place",
    session_notes: "What happened",
    session_failed: "No agreement this time (counts towards this tier's attempts)",
    record_session: "Record a mediation session",
    will_go_to: "Once saved, goes to: ",
    went_to: "Goes to: ",
    preview_waiting: "When the form is complete, this shows where the case will go.",
    party_kind: "Kind of party",
    inbox_title: "Notifications",
    inbox_empty: "No notifications.",
    mark_all_read: "Mark all read",
    unread: "unread",
    because: "Because: ",
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
    categories_title: "Dispute categories",
    category_code: "Category code",
    category_name_zh: "Chinese name",
    category_name_en: "English name",
    category_hint: "Codes are lower-case letters, digits and underscores and never change once in use; saving an existing code renames it. A retired category leaves the form; disputes already recorded keep it.",
    category_saved: "Category saved.",
    category_retired: "Retired",
    retire: "Retire",
    restore: "Restore",
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
    sync_online: "Online",
    sync_offline: "Offline",
    sync_pending: "To sync",
    sync_set_aside: "Need attention",
    sync_last: "Last sync",
    sync_never: "Not synced yet",
    sync_now: "Sync now",
    syncing: "Syncing…",
    sync_status: "Sync status",
    problem_offline: "No network; records sync by themselves once online.",
    problem_server: "The server is unavailable; retrying shortly.",
    problem_session: "Your session has expired; sign in again when online. Records on this phone are kept.",
    problem_storage: "This phone's storage is full; the record could not be kept. Sync or free some space first.",
    problem_refused: "The server refused the sync: ",
    logout_pending_1: "This phone still has ",
    logout_pending_2: " unsynced records. They stay on this phone and sync when you sign in again. Sign out anyway?",
    nav_record: "Record",
    record_title: "Record a dispute",
    category: "Category",
    summary: "What happened",
    parties: "Parties",
    party_name: "Name",
    party_role: "Role",
    role_applicant: "Applicant",
    role_respondent: "Respondent",
    role_other: "Other party",
    party_phone: "Phone",
    party_id: "ID number",
    add_party: "+ Add a party",
    remove_party: "Remove this party",
    amount: "Amount in dispute (yuan)",
    people: "People involved",
    location: "Where",
    gps_button: "Get my position",
    gps_got: "Position taken, accuracy (m)",
    gps_failed: "Could not get a position; the place name is enough.",
    flags: "Flags",
    facts_clear: "Facts are clear",
    sensitive: "Involves sensitive persons or information",
    petition_risk: "Risk of over-level petition or mass incident",
    on_spot: "Resolved on the spot",
    on_spot_result: "Result",
    consent: "Parties consent to transfer",
    save_record: "Save",
    saved_offline: "Saved on this phone; it will sync by itself.",
    fix_errors: "Please correct the marked fields.",
    my_cases: "Disputes I recorded",
    cases_in_unit: "Disputes in my jurisdiction",
    waiting_number: "Waiting to sync",
    set_aside_title: "Records the server refused",
    correct: "Correct and resend",
    discard: "Discard",
    discard_confirm: "Discard this record? This cannot be undone.",
    no_cases: "No disputes yet.",
    status_recorded: "Recorded",
    status_resolved_on_spot: "Resolved on the spot",
    reject_not_allowed: "Only grid workers record disputes, in their own grid.",
    reject_id_taken: "Record id clash; correct and resend it.",
    reject_case_exists: "This dispute is already recorded.",
    reject_unknown_case: "No such case, or you may not see it.",
    reject_not_holder: "Your unit no longer holds this case (someone acted first); it is now with: ",
    reject_case_closed: "This case is closed; its status: ",
    reject_malformed: "The record could not be read: ",
    correcting: "Correcting a refused record.",
    optional_hint: "optional",
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
