//! Dates as OBS sends them: the `Date` and `Retry-After` headers (HTTP-date, RFC 9110
//! section 5.6.7) and the `<ServerTime>` element of a clock-skew error (ISO 8601, as in
//! `2015-07-01T04:20:51Z`). Written out here: no date crate for three formats.

use std::time::{Duration, SystemTime};

/// A date from an HTTP header, in any of the three forms RFC 9110 says a recipient must
/// accept: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT`
/// (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime). Names of days and months are
/// matched without regard to ASCII case; the day name is not checked against the date.
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (weekday, rest) = text.split_once([',', ' '])?;
    if !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // At most five words (six means none of the forms): no allocation.
    let mut words = [""; 6];
    let mut count = 0;
    for (slot, word) in words.iter_mut().zip(rest.split_ascii_whitespace()) {
        *slot = word;
        count += 1;
    }
    let (year, month, day, time) = match *words.get(..count)? {
        // IMF-fixdate: `06 Nov 1994 08:49:37 GMT`.
        [day, month, year, time, "GMT"] if text.as_bytes().get(weekday.len()) == Some(&b',') => (
            number(year, 4)?,
            month_number(month)?,
            number(day, 2)?,
            time,
        ),
        // RFC 850: `06-Nov-94 08:49:37 GMT`, two-digit years read as 1970..=2069.
        [date, time, "GMT"] => {
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() {
                return None;
            }
            let year = number(year, 2)?;
            let year = if year < 70 { 2000 + year } else { 1900 + year };
            (year, month_number(month)?, number(day, 2)?, time)
        }
        // asctime: `Nov  6 08:49:37 1994` (the day padded with a space).
        [month, day, time, year] => (
            number(year, 4)?,
            month_number(month)?,
            number_1_or_2(day)?,
            time,
        ),
        _ => return None,
    };
    civil_time((year, month, day), clock(time)?, Duration::ZERO, 0)
}

/// A time in ISO 8601 as S3-compatible servers write `<ServerTime>`: extended
/// (`2015-07-01T04:20:51Z`, `2015-07-01T04:20:51.123+08:00`) or basic
/// (`20150701T042051Z`). An HTTP-date is accepted too.
pub(crate) fn parse_iso8601(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    // An HTTP-date starts with the day's name, ISO 8601 with the year.
    if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return parse_http_date(text);
    }
    let (date, time) = text.split_once(['T', 't'])?;
    let (year, month, day) = if date.len() == 8 {
        (
            number(date.get(..4)?, 4)?,
            number(date.get(4..6)?, 2)?,
            number(date.get(6..)?, 2)?,
        )
    } else {
        let mut parts = date.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (number(year, 4)?, number(month, 2)?, number(day, 2)?)
    };
    // The zone: `Z`, or `+hh:mm` / `-hh:mm` / `+hhmm`.
    let (clock_text, offset) = if let Some(clock_text) = time.strip_suffix(['Z', 'z']) {
        (clock_text, 0)
    } else {
        let sign_at = time.rfind(['+', '-'])?;
        let (clock_text, zone) = time.split_at(sign_at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let zone = zone.get(1..)?.replace(':', "");
        if zone.len() != 4 {
            return None;
        }
        let hours = i64::from(number(zone.get(..2)?, 2)?);
        let minutes = i64::from(number(zone.get(2..)?, 2)?);
        if hours > 23 || minutes > 59 {
            return None;
        }
        (clock_text, sign * (hours * 3600 + minutes * 60))
    };
    let (whole, fraction) = match clock_text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction_of_second(fraction)?),
        None => (clock_text, Duration::ZERO),
    };
    let time_of_day = if whole.len() == 6 && !whole.contains(':') {
        (
            number(whole.get(..2)?, 2)?,
            number(whole.get(2..4)?, 2)?,
            number(whole.get(4..)?, 2)?,
        )
    } else {
        clock(whole)?
    };
    civil_time((year, month, day), time_of_day, fraction, offset)
}

/// `hh:mm:ss`.
fn clock(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split(':');
    let (hour, minute, second) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((number(hour, 2)?, number(minute, 2)?, number(second, 2)?))
}

/// Exactly `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u32> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// One or two ASCII digits (asctime's day).
fn number_1_or_2(text: &str) -> Option<u32> {
    number(text, 1).or_else(|| number(text, 2))
}

/// The digits after a decimal point, as a duration (nanoseconds beyond 9 digits dropped).
fn fraction_of_second(digits: &str) -> Option<Duration> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos = 0u32;
    for (place, digit) in digits.bytes().take(9).enumerate() {
        let place = u32::try_from(place).ok()?;
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - place);
    }
    Some(Duration::from_nanos(u64::from(nanos)))
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = MONTHS
        .iter()
        .position(|month| month.eq_ignore_ascii_case(name))?;
    u32::try_from(index + 1).ok()
}

/// The instant of a UTC calendar time shifted by `offset` seconds east of UTC; `None`
/// for an impossible date or time (a leap second, `:60`, is the next minute's `:00`).
fn civil_time(
    (year, month, day): (u32, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    fraction: Duration,
    offset: i64,
) -> Option<SystemTime> {
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds =
        days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
            - offset;
    let whole = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 {
        SystemTime::UNIX_EPOCH
            .checked_add(whole)?
            .checked_add(fraction)
    } else {
        SystemTime::UNIX_EPOCH
            .checked_sub(whole)?
            .checked_add(fraction)
    }
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the usual
/// era-based count: 400-year eras of 146,097 days, years starting in March).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar date of a day count from 1970-01-01 (the inverse of `days_from_civil`).
#[cfg(any(feature = "serde", test))]
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// An instant as RFC 3339 in UTC, whole seconds: `2015-07-01T04:20:51Z` (for the
/// serialized record of an error).
#[cfg(any(feature = "serde", test))]
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            // Round towards the past: 0.5 s before the epoch is 23:59:59.
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    };
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unix(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn the_three_http_date_forms() {
        // RFC 9110's example instant, 784111777.
        let expected = Some(unix(784_111_777));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), expected);
        assert_eq!(
            parse_http_date(" WED, 01 JUL 2015 04:20:51 GMT "),
            Some(unix(1_435_724_451))
        );
        assert_eq!(
            parse_http_date("Thu, 01-Jan-70 00:00:00 GMT"),
            Some(unix(0))
        );
    }

    #[test]
    fn bad_http_dates() {
        for bad in [
            "",
            "soon",
            "120",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Xyz 1994 08:49:37 GMT",
            "Sun, 06-Nov-94-1 08:49:37 GMT",
            "1, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(unix(951_782_400))
        );
    }

    #[test]
    fn iso8601_forms() {
        let expected = Some(unix(1_435_724_451));
        assert_eq!(parse_iso8601("2015-07-01T04:20:51Z"), expected);
        assert_eq!(parse_iso8601("20150701T042051Z"), expected);
        assert_eq!(parse_iso8601("2015-07-01T12:20:51+08:00"), expected);
        assert_eq!(parse_iso8601("2015-07-01T00:20:51-0400"), expected);
        assert_eq!(
            parse_iso8601("2015-07-01T04:20:51.250Z"),
            expected.map(|t| t + Duration::from_millis(250))
        );
        assert_eq!(parse_iso8601("Wed, 01 Jul 2015 04:20:51 GMT"), expected);
        assert_eq!(
            parse_iso8601("1969-12-31T23:59:59Z"),
            SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(1))
        );
        for bad in [
            "2015-07-01",
            "2015-07-01T04:20:51",
            "2015-13-01T04:20:51Z",
            "2015-07-01T04:20:51.Z",
            "2015-07-01T04:20:51+8",
            "2015-07-01T04:20:51+24:00",
            "2015-07-01-01T04:20:51Z",
            "2015/07/01T04:20:51Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_as_rfc3339_and_round_trips() {
        assert_eq!(rfc3339(unix(1_435_724_451)), "2015-07-01T04:20:51Z");
        assert_eq!(rfc3339(unix(951_782_400)), "2000-02-29T00:00:00Z");
        let before = SystemTime::UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(rfc3339(before), "1969-12-31T23:59:59Z");
        for days in [-800_000i64, -1, 0, 59, 365, 11_016, 20_000, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            let year = u32::try_from(year).unwrap_or(0);
            if year > 0 {
                assert_eq!(days_from_civil(i64::from(year), month, day), days);
            }
        }
    }
}
