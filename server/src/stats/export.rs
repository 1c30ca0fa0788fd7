//! `GET /api/v1/reports/monthly`: 月报 as a file to send on — CSV (UTF-8 with a byte-order mark,
//! so Excel opens the Chinese) or an XLSX workbook (one sheet per table, the header row frozen,
//! counts as whole numbers and rates as percentages). Both are written from the tables the
//! report page shows (`MonthlyReport::tables`).

use crate::api_error::{signed_in, ApiError};
use crate::served::Serve;
use crate::AppState;
use app::api::backend::AuthState;
use app::api::dashboard::Period;
use app::i18n::Locale;
use app::reporting::{Cell, Table, Written};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use domain::clock::Month;
use domain::session::Desk;
use domain::sync::ApiErrorBody;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().serve("/api/v1/reports/monthly", get(monthly_report))
}

/// The file's kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// First month, `2026-01` (default: January of this year).
    pub from: Option<String>,
    /// Last month, `2026-11` (default: this month).
    pub to: Option<String>,
    /// `xlsx` (default) or `csv`.
    pub format: Option<Format>,
}

/// 月报 of the signed-in staff member's unit and the units below it, as a file.
#[utoipa::path(
    get,
    path = "/api/v1/reports/monthly",
    tag = "reports",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report: an XLSX workbook, or CSV in UTF-8 with a byte-order mark", content(
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
        )),
        (status = 400, description = "The query does not read (an unknown format)", body = ApiErrorBody),
        (status = 401, description = "No valid session cookie", body = ApiErrorBody),
        (status = 403, description = "Only township, county and city staff report", body = ApiErrorBody),
        (status = 503, description = "The figures are being counted again after an upgrade (`recounting`), or the database is unavailable: try later", body = ApiErrorBody),
    )
)]
#[tracing::instrument(name = "monthly_report", skip_all)]
pub(crate) async fn monthly_report(
    State(state): State<AppState>,
    auth: Option<Extension<AuthState>>,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let user = signed_in(auth.as_deref())?;
    let Query(query) = query.map_err(|rejection| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_query",
            None,
            format!("{}{rejection}", app::i18n::api::BAD_REPORT_QUERY),
        )
    })?;
    if !user.opens(Desk::Figures) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
            app::i18n::api::REPORTS_FORBIDDEN,
        ));
    }
    let now = Month::of_unix_ms(crate::db::now_ms());
    let period = Period::from_address(query.from.as_deref(), query.to.as_deref(), now);
    let report = super::report::monthly(&state.db, &user, period)
        .await
        .map_err(ApiError::unavailable)?;
    if report.recounting {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "recounting",
            None,
            app::i18n::api::REPORT_RECOUNTING,
        ));
    }
    let locale = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let tables = report.tables(locale);
    let title = report.title(locale);
    let format = query.format.unwrap_or_default();
    let (bytes, content_type, extension) = match format {
        Format::Csv => (csv(&title, &tables), "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            xlsx(&title, &tables).map_err(ApiError::unavailable)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    let name = report.file_name(locale, extension);
    let ascii = format!("report_{}_{}.{extension}", period.from, period.to);
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC)
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// After a BOM the title, then the tables one after another, each under its name, a blank
/// line before each.
pub fn csv(title: &str, tables: &[Table]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let _ = w.write_record([title]);
        for table in tables {
            let mut records: Vec<Vec<String>> = vec![vec![String::new()]];
            records.push(vec![table.name.clone()]);
            records.push(table.header.clone());
            records.extend(
                table
                    .rows
                    .iter()
                    .map(|row| row.iter().map(Cell::text).collect()),
            );
            for record in records {
                // Writing to a Vec cannot fail.
                let _ = w.write_record(&record);
            }
        }
        let _ = w.flush();
    }
    out
}

/// A workbook with a sheet per table, each headed by the title, then the column names (frozen
/// with the first column, so both stay in view while scrolling).
pub fn xlsx(title: &str, tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format as CellFormat, FormatAlign, Workbook};
    let mut book = Workbook::new();
    let head = CellFormat::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE7F0))
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let count = CellFormat::new().set_num_format("0");
    let rate = CellFormat::new().set_num_format("0.0%");
    let none = CellFormat::new().set_align(FormatAlign::Right);
    let heading = CellFormat::new().set_bold().set_font_size(14);
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name)?;
        sheet.write_string_with_format(0, 0, title, &heading)?;
        sheet.set_column_width(0, 24)?;
        for (c, name) in table.header.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            if c > 0 {
                sheet.set_column_width(c, 12)?;
            }
            sheet.write_string_with_format(1, c, name, &head)?;
        }
        sheet.set_freeze_panes(2, 1)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    Cell::Count(n) => {
                        sheet.write_number_with_format(r, c, *n as f64, &count)?;
                    }
                    Cell::Rate(share) => match share.per_mille() {
                        // The cell holds the share as the page rounds it (one decimal of a %).
                        Some(pm) => {
                            sheet.write_number_with_format(r, c, pm as f64 / 1000.0, &rate)?;
                        }
                        None => {
                            sheet.write_string_with_format(r, c, "—", &none)?;
                        }
                    },
                }
            }
        }
    }
    book.save_to_buffer()
}
