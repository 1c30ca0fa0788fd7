//! The deployment's dispute categories on the admin page: rename, add, retire, restore.

use super::forms::{field_error, FieldError};
use crate::components::unit_card::LoadError;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::dispute::Category;
use leptos::either::Either;
use leptos::prelude::*;

/// The deployment's dispute categories: rename, add, retire and restore. Phones get the list
/// on their next sync.
#[component]
pub(super) fn CategoriesSection(state: super::AdminState) -> impl IntoView {
    let t = use_texts();
    let (save, retire, categories) = (state.save_category, state.retire_category, state.categories);
    let value = save.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.category_saved);
    view! {
        <section class="card" aria-labelledby="categories-title">
            <h2 id="categories-title">{t.categories_title}</h2>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match categories.await {
                        Ok(list) => Either::Left(view! {
                            <ul class="rows categories">
                                {list.into_iter().map(|category| view! { <CategoryRow category retire/> }).collect_view()}
                            </ul>
                        }),
                        Err(error) => Either::Right(view! { <LoadError error/> }),
                    }
                })}
            </Transition>
            <FieldError message=field_error(retire.value(), None)/>
            <ActionForm action=save attr:class="form">
                <p class="muted">{t.category_hint}</p>
                <label for="category-code">{t.category_code}</label>
                <input id="category-code" name="code" type="text" autocapitalize="none" required maxlength="40"/>
                <FieldError message=field_error(value, Some("code"))/>
                <label for="category-name-zh">{t.category_name_zh}</label>
                <input id="category-name-zh" name="name_zh" type="text" required maxlength="40"/>
                <FieldError message=field_error(value, Some("name_zh"))/>
                <label for="category-name-en">{t.category_name_en}</label>
                <input id="category-name-en" name="name_en" type="text" required maxlength="40"/>
                <FieldError message=field_error(value, Some("name_en"))/>
                <FieldError message=field_error(value, None)/>
                {move || done().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                <button type="submit" class="button primary" disabled=save.pending()>{t.save}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CategoryRow(category: Category, retire: ServerAction<RetireCategory>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let name = locale.category(std::slice::from_ref(&category), &category.code);
    let (label, retired_next) = if category.retired {
        (t.restore, "false")
    } else {
        (t.retire, "true")
    };
    let Category { code, retired, .. } = category;
    let (row_code, shown_code) = (code.clone(), code.clone());
    view! {
        <li class="category-row" class:retired=retired data-code=row_code>
            <span class="unit-name">{name}</span>
            <span class="unit-meta">
                {shown_code}
                {retired.then_some(" · ")}
                {retired.then_some(t.category_retired)}
            </span>
            <ActionForm action=retire attr:class="inline-form">
                <input type="hidden" name="code" value=code/>
                <input type="hidden" name="retired" value=retired_next/>
                <button type="submit" class="link-button">{label}</button>
            </ActionForm>
        </li>
    }
}

/// The deployment's dispute categories, retired ones included (admin page).
#[server(endpoint = "admin/categories")]
pub async fn load_categories() -> Result<Vec<Category>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.categories(&user).await
}

/// Adds a category or renames one; its code never changes.
#[server(endpoint = "admin/categories/save")]
pub async fn save_category(
    code: String,
    name_zh: String,
    name_en: String,
) -> Result<Category, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let category = Category {
        code,
        name_zh,
        name_en,
        retired: false,
    };
    backend()?.save_category(&user, category).await
}

/// Retires a category (no longer offered for new records) or brings it back.
#[server(endpoint = "admin/categories/retire")]
pub async fn retire_category(code: String, retired: bool) -> Result<(), AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.set_category_retired(&user, &code, retired).await
}
