//! Shared by the response suites: the copied samples and a reader for `.http` files.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::SystemTime;

/// The bytes of `tests/fixtures/responses/<name>`.
pub fn sample(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "responses",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A response from an `.http` sample: status line, headers, empty line, body.
pub struct HttpSample {
    /// The status, or 200 where the sample elides it (`status_code`).
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpSample {
    pub fn load(name: &str) -> Self {
        let bytes = sample(name);
        let text = String::from_utf8(bytes).expect("samples are UTF-8");
        let (head, body) = text
            .split_once("\n\n")
            .expect("an empty line ends the headers");
        let mut lines = head.lines();
        let status_line = lines.next().expect("a status line");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("name: value");
                (name.trim().to_owned(), value.trim().to_owned())
            })
            .collect();
        Self {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    /// The headers as `(&str, &str)` pairs.
    pub fn header_pairs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// Every sample file name, `SOURCES.md` excepted.
pub fn sample_names() -> Vec<String> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "responses"]
        .iter()
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "SOURCES.md")
        .collect();
    names.sort();
    names
}

/// The calendar fields of an instant after 1970, UTC: year, month (0-based), day,
/// hour, minute, second and weekday (0 = Thursday, 1970-01-01's). Found by walking the
/// years and months from 1970: slow and plain, so that it checks the crate's own
/// arithmetic rather than repeating it.
fn calendar(time: SystemTime) -> (u64, usize, u64, u64, u64, u64, usize) {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let days = seconds / 86_400;
    let is_leap = |year: u64| year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let (mut year, mut left) = (1970u64, days);
    loop {
        let length = if is_leap(year) { 366 } else { 365 };
        if left < length {
            break;
        }
        left -= length;
        year += 1;
    }
    let february = if is_leap(year) { 29 } else { 28 };
    let lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while left >= lengths[month] {
        left -= lengths[month];
        month += 1;
    }
    let weekday = usize::try_from(days % 7).expect("under 7");
    let time_of_day = seconds % 86_400;
    (
        year,
        month,
        left + 1,
        time_of_day / 3600,
        time_of_day % 3600 / 60,
        time_of_day % 60,
        weekday,
    )
}

/// An instant after 1970 as an IMF-fixdate: `Wed, 01 Jul 2015 04:20:51 GMT`.
pub fn http_date(time: SystemTime) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let (year, month, day, hour, minute, second, weekday) = calendar(time);
    format!(
        "{}, {day:02} {} {year} {hour:02}:{minute:02}:{second:02} GMT",
        WEEKDAYS[weekday], MONTHS[month]
    )
}

/// An instant after 1970 in ISO 8601 as `<ServerTime>` holds it: `2015-07-01T04:20:51Z`.
pub fn iso_date(time: SystemTime) -> String {
    let (year, month, day, hour, minute, second, _) = calendar(time);
    format!(
        "{year:04}-{:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z",
        month + 1
    )
}
