//! The names of the domain's codes and variants: units' kinds, roles, sectors, categories,
//! parties, channels and case statuses, in the reader's language.

use super::categories;
use super::Locale;
use domain::jurisdiction::UnitKind;
use domain::session::Role;

impl Locale {
    pub fn unit_kind(self, kind: UnitKind) -> &'static str {
        use UnitKind::*;
        match (self, kind) {
            (Locale::Zh, City) => "市",
            (Locale::Zh, County) => "县（区）",
            (Locale::Zh, Township) => "乡镇（街道）",
            (Locale::Zh, Village) => "村（社区）",
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

    /// How a dispute came in (一窗受理's sources, and the grid worker's rounds).
    pub fn source(self, source: domain::dispute::Source) -> &'static str {
        use domain::dispute::Source::*;
        let zh = self == Locale::Zh;
        match (source, zh) {
            (GridPatrol, true) => "网格排查",
            (GridPatrol, false) => "Grid rounds",
            (Visit, true) => "来访",
            (Visit, false) => "In person",
            (Hotline, true) => "12345 热线",
            (Hotline, false) => "12345 hotline",
            (Police, true) => "派出所移交",
            (Police, false) => "From a police station",
            (Petition, true) => "信访转办",
            (Petition, false) => "From the petition office",
            (Court, true) => "法院引调",
            (Court, false) => "Referred by a court",
            (OtherBody, true) => "其他部门转来",
            (OtherBody, false) => "From another body",
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
