//! The clock of the machine the code runs on. The domain's dates (`domain::clock`) are pure
//! and take the time as an argument; this is where a page or a server function reads it.

/// Now, in Unix milliseconds, from the browser's or the server's clock.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}
