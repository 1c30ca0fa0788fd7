//! The names of the built-in dispute categories (docs/design.md "A case's life"). A deployment's admins
//! rename them and add others in the `categories` table; these are the names a new deployment
//! starts with, and the ones a phone shows before its first sync.

use domain::dispute::{BuiltInCategory, Category};

/// (Chinese, English) name of a built-in category.
pub fn built_in_names(category: BuiltInCategory) -> (&'static str, &'static str) {
    use BuiltInCategory::*;
    match category {
        MarriageFamily => ("婚姻家庭", "Marriage and family"),
        Neighbourhood => ("邻里纠纷", "Neighbours"),
        PropertyManagement => ("物业纠纷", "Property management"),
        LandHousing => ("房屋土地/征地拆迁", "Housing, land, expropriation"),
        LabourWages => ("劳动争议/欠薪", "Labour and unpaid wages"),
        Medical => ("医患纠纷", "Medical"),
        Traffic => ("交通事故", "Traffic accident"),
        Consumer => ("消费纠纷", "Consumer"),
        ContractLoan => ("合同/借贷", "Contract and loans"),
        Construction => ("住建工程", "Construction"),
        Environment => ("环境保护", "Environment"),
        FoodSafety => ("食品安全", "Food safety"),
        Education => ("教育", "Education"),
        Administrative => ("行政争议", "Administrative dispute"),
        Other => ("其他", "Other"),
    }
}

/// The built-in list, for a phone that has not synced yet and for a new deployment.
pub fn default_categories() -> Vec<Category> {
    BuiltInCategory::ALL
        .into_iter()
        .map(|category| {
            let (zh, en) = built_in_names(category);
            Category {
                code: category.code().to_owned(),
                name_zh: zh.to_owned(),
                name_en: en.to_owned(),
                retired: false,
            }
        })
        .collect()
}
