//! The messages of the versioned JSON API (`/api/v1`) and of the plain answers the server gives
//! outside the pages. Another client's developer and its user read the same answer, so each
//! message carries both languages, Chinese first; the `error` code beside it is what a client
//! should match on.

pub const NOT_SIGNED_IN: &str = "请先登录。Sign in first.";
pub const JSON_ONLY: &str =
    "请以 JSON 格式提交（Content-Type: application/json）。Send JSON (Content-Type: application/json).";
pub const CROSS_ORIGIN: &str =
    "请求不是从本系统的页面发出的，已拒绝。Refused: the request did not come from this site's own pages.";
pub const UNAVAILABLE: &str = "服务暂时不可用，请稍后重试；已提交的内容不会丢失。The server could not finish; retry shortly — nothing was applied.";
pub const SERVICE_UNAVAILABLE: &str =
    "服务暂时不可用，请稍后再试。 The service is temporarily unavailable; please try again shortly.";
pub const BAD_REPORT_QUERY: &str = "月报的查询条件无法识别（format 只能是 xlsx 或 csv）。The report's query does not read (format is xlsx or csv): ";
/// The report is not exported while the figures are recounted after an upgrade.
pub const REPORT_RECOUNTING: &str = "统计正在按新口径重新计算，完成后再导出月报（数字在完成前可能略有出入）。The figures are being counted again after an upgrade; export the report once that is done.";
pub const REPORTS_FORBIDDEN: &str = "只有乡镇（街道）、县（区）、市级的工作人员可以导出月报。Only township, county and city staff export the report.";
pub const UNKNOWN_CASE: &str = "找不到这个案件，或您无权查看。No such case, or you may not see it.";
pub const UNKNOWN_GRID: &str =
    "没有这个网格，或不在您的辖区内。No such grid in your part of the tree.";
pub const PASSWORD_CHANGE_REQUIRED: &str = "管理员已重置您的密码：请先在“我的账号”页设置新密码。An administrator reset your password: choose a new one on the account page first.";
pub const UNKNOWN_LANGUAGE: &str = "不支持的语言 / unknown language";

pub fn batch_too_many_bytes(max: usize) -> String {
    format!("批次超过 {max} 字节，请分批同步。A batch may hold at most {max} bytes; send fewer operations at a time.")
}

pub fn batch_too_many_ops(max: usize) -> String {
    format!("每批最多 {max} 条操作。A batch may hold at most {max} operations.")
}

pub fn unsupported_protocol(version: u32) -> String {
    format!("本服务器使用同步协议第 {version} 版，请更新应用。This server speaks sync protocol {version}; update the app.")
}

pub fn too_many_cases(max: usize) -> String {
    format!("一次最多取 {max} 件案件的详情。At most {max} cases per request.")
}

pub fn bad_device_id(max: usize) -> String {
    format!("设备标识须为 1 至 {max} 个字符。device_id must be 1 to {max} characters.")
}
