//! Dates and datetimes that keep their wire text: a value the portal formats unexpectedly
//! (`"24.05.2024"`, `"0000-00-00"`) is kept as written instead of failing the whole
//! response, and is sent back unchanged.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not a date or datetime in the documented format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a {expected}")]
pub struct DateParseError {
    pub text: String,
    pub expected: &'static str,
}

/// A calendar date, `YYYY-MM-DD` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    raw: String,
    parts: Option<(i32, u8, u8)>,
}

impl Date {
    /// A valid date; `None` for a month or day out of range.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        is_valid_date(year, month, day).then(|| Self {
            raw: format!("{year:04}-{month:02}-{day:02}"),
            parts: Some((year, month, day)),
        })
    }

    /// Keeps any text; [`Date::parts`] tells whether it is a valid `YYYY-MM-DD`.
    pub fn lenient(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parts = parse_date(raw.trim());
        Self { raw, parts }
    }

    /// The text as it travels on the wire.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// `(year, month, day)` when the text is a valid date.
    pub fn parts(&self) -> Option<(i32, u8, u8)> {
        self.parts
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    /// Strict: only valid `YYYY-MM-DD` dates.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let date = Self::lenient(text);
        match date.parts {
            Some(_) => Ok(date),
            None => Err(DateParseError {
                text: text.to_owned(),
                expected: "date (YYYY-MM-DD)",
            }),
        }
    }
}

/// A date and time, `2024-05-28T13:43:00+03:00` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    raw: String,
    parts: Option<DateTimeParts>,
}

/// The fields of a datetime that parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes; `None` when the text gives none (portal time).
    pub offset_minutes: Option<i32>,
}

impl DateTime {
    /// Keeps any text; [`DateTime::parts`] tells whether it parsed.
    pub fn lenient(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parts = parse_datetime(raw.trim());
        Self { raw, parts }
    }

    /// The text as it travels on the wire.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn parts(&self) -> Option<DateTimeParts> {
        self.parts
    }

    /// Seconds since the Unix epoch, when the text parsed and carries an offset.
    pub fn unix_timestamp(&self) -> Option<i64> {
        let p = self.parts?;
        let offset = p.offset_minutes?;
        let days = days_from_civil(p.year, p.month, p.day);
        let local = days * 86_400
            + i64::from(p.hour) * 3_600
            + i64::from(p.minute) * 60
            + i64::from(p.second);
        Some(local - i64::from(offset) * 60)
    }
}

impl FromStr for DateTime {
    type Err = DateParseError;

    /// Strict: only `YYYY-MM-DDTHH:MM:SS` with an optional offset.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = Self::lenient(text);
        match value.parts {
            Some(_) => Ok(value),
            None => Err(DateParseError {
                text: text.to_owned(),
                expected: "datetime (YYYY-MM-DDTHH:MM:SS+HH:MM)",
            }),
        }
    }
}

macro_rules! text_impls {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.raw)
            }
        }

        impl From<String> for $ty {
            fn from(raw: String) -> Self {
                Self::lenient(raw)
            }
        }

        impl From<&str> for $ty {
            fn from(raw: &str) -> Self {
                Self::lenient(raw)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.raw)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::lenient)
            }
        }
    )*};
}

text_impls!(Date, DateTime);

fn is_valid_date(year: i32, month: u8, day: u8) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn digits<T: FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let year = digits(text.get(0..4)?, 4)?;
    let month = digits(text.get(5..7)?, 2)?;
    let day = digits(text.get(8..10)?, 2)?;
    let separators_ok = text.len() == 10 && &text[4..5] == "-" && &text[7..8] == "-";
    (separators_ok && is_valid_date(year, month, day)).then_some((year, month, day))
}

fn parse_datetime(text: &str) -> Option<DateTimeParts> {
    let (year, month, day) = parse_date(text.get(0..10)?)?;
    if !matches!(text.get(10..11)?, "T" | " ") {
        return None;
    }
    let hour: u8 = digits(text.get(11..13)?, 2)?;
    let minute: u8 = digits(text.get(14..16)?, 2)?;
    let second: u8 = digits(text.get(17..19)?, 2)?;
    if &text[13..14] != ":" || &text[16..17] != ":" || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        rest = &fraction[end..];
    }
    let offset_minutes = match rest {
        "" => None,
        "Z" => Some(0),
        _ => {
            let sign = match rest.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours: i32 = digits(rest.get(1..3)?, 2)?;
            let minutes: i32 = match rest.get(3..)? {
                "" => 0,
                tail => digits(tail.strip_prefix(':').unwrap_or(tail), 2)?,
            };
            Some(sign * (hours * 60 + minutes))
        }
    };
    Some(DateTimeParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset_minutes,
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_parse_and_keep_their_text() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(date.parts(), Some((2024, 2, 29)));
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("24.05.2024".parse::<Date>().is_err());
        let odd = Date::lenient("0000-00-00");
        assert_eq!((odd.parts(), odd.as_str()), (None, "0000-00-00"));
        assert_eq!(Date::new(2024, 5, 1).unwrap().as_str(), "2024-05-01");
        assert_eq!(Date::new(2024, 13, 1), None);
    }

    #[test]
    fn datetimes_with_offsets() {
        let value: DateTime = "2024-05-28T13:43:00+03:00".parse().unwrap();
        let parts = value.parts().unwrap();
        assert_eq!(
            (parts.hour, parts.minute, parts.offset_minutes),
            (13, 43, Some(180))
        );
        assert_eq!(value.unix_timestamp(), Some(1_716_892_980));
        assert_eq!(
            DateTime::lenient("1970-01-01T00:00:00Z").unix_timestamp(),
            Some(0)
        );
        let local = DateTime::lenient("2024-05-28 13:43:00");
        assert_eq!(local.parts().map(|p| p.offset_minutes), Some(None));
        assert_eq!(local.unix_timestamp(), None);
        assert!(
            DateTime::lenient("2024-05-28T13:43:00.123+0300")
                .parts()
                .is_some()
        );
        assert!("28.05.2024 13:43:00".parse::<DateTime>().is_err());
    }

    #[test]
    fn unparsable_text_round_trips_unchanged() {
        for raw in ["28.05.2024 13:43:00", "2024-05-28T13:43:00+03:00", "soon"] {
            let value: DateTime = serde_json::from_value(json!(raw)).unwrap();
            assert_eq!(serde_json::to_value(&value).unwrap(), json!(raw));
            assert_eq!(value.to_string(), raw);
        }
    }
}
