//! Recordings: RecordAudio's result, and call recording (StartCallRecording and its siblings)
//! with the object key the service writes and the once-per-leg rule.

use super::Simulator;
use super::service::Results;
use crate::contract::action::*;
use crate::contract::event::ErrorType;

/// The prefix the service uses when `Destination.Location` names only a bucket
/// (start-call-recording page).
const DEFAULT_CALL_RECORDING_PREFIX: &str = "Amazon-Chime-SMA-Call-Recordings";

impl Simulator {
    /// The result of a RecordAudio that ends: `RecordingDestination` with the object's key
    /// (`<Prefix>/<TransactionId>.wav`: the service's key format is not documented), and
    /// `RecordingTerminatorUsed` when a key stopped it.
    pub(super) fn recording_results(
        &self,
        r: &RecordAudio,
        terminator: Option<DtmfKey>,
    ) -> Results {
        let destination = r.recording_destination.as_ref();
        let prefix = destination.and_then(|d| d.prefix.as_deref());
        let key = match prefix {
            Some(p) => format!("{p}/{}.wav", self.call.transaction),
            None => format!("{}.wav", self.call.transaction),
        };
        Results {
            recording: Some(RecordingDestination {
                kind: Some(StorageType::S3),
                bucket_name: destination.and_then(|d| d.bucket_name.clone()),
                prefix: None,
                key: Some(key.into()),
                extra: Default::default(),
            }),
            terminator: terminator.map(|k| k.as_str().to_owned()),
            force_report: true,
            ..Results::default()
        }
    }

    /// StartCallRecording: recording starts once per leg; the result names the object the
    /// service will write, `<bucket>/Amazon-Chime-SMA-Call-Recordings/YYYY/MM/DD/
    /// YYYY-MM-DD-hh-mm-ss-SSS_<TransactionId>_<CallId>.wav` (the given prefix instead of the
    /// default one when `Location` has one).
    pub(super) fn start_call_recording(&mut self, action: Action, s: &StartCallRecording) {
        let Some(leg) = self.addressed_call_id(&action) else {
            return self.failed(
                action,
                ErrorType::InvalidActionParameter,
                "CallId parameter for action is invalid".into(),
            );
        };
        if self.call.recordings.iter().any(|(id, _)| *id == leg) {
            // The once-per-leg rule is documented; the error it gets is not.
            return self.failed(
                action,
                ErrorType::InvalidActionParameter,
                "Call recording can be started only once per call leg.".into(),
            );
        }
        self.call.recordings.push((leg.clone(), false));
        let location = s.destination.as_ref().and_then(|d| d.location.clone()).unwrap_or_default();
        let location = location.trim_end_matches('/');
        let base = if location.contains('/') {
            location.to_owned()
        } else {
            format!("{location}/{DEFAULT_CALL_RECORDING_PREFIX}")
        };
        let t = Utc::from_epoch_ms(self.call.clock_ms);
        let object = format!(
            "{base}/{:04}/{:02}/{:02}/{:04}-{:02}-{:02}-{:02}-{:02}-{:02}-{:03}_{}_{}.wav",
            t.year,
            t.month,
            t.day,
            t.year,
            t.month,
            t.day,
            t.hour,
            t.minute,
            t.second,
            t.milli,
            self.call.transaction,
            leg
        );
        let destination = CallRecordingDestination {
            kind: Some(StorageType::S3),
            location: Some(object.into()),
            extra: Default::default(),
        };
        self.finished(
            action,
            Results { call_recording: Some(destination), force_report: true, ..Results::default() },
        );
    }

    /// Stop, Pause and Resume of call recording: they need a recording of that leg that was
    /// started and not stopped; a stopped recording cannot be restarted.
    pub(super) fn change_call_recording(&mut self, action: Action) {
        let Some(leg) = self.addressed_call_id(&action) else {
            return self.failed(
                action,
                ErrorType::InvalidActionParameter,
                "CallId parameter for action is invalid".into(),
            );
        };
        let stop = matches!(action, Action::StopCallRecording(_));
        match self.call.recordings.iter_mut().find(|(id, _)| *id == leg) {
            Some((_, stopped)) if !*stopped => {
                *stopped = stop;
                self.finished(action, Results::default());
            }
            _ => self.failed(
                action,
                ErrorType::InvalidActionParameter,
                "No call recording is running on this call leg.".into(),
            ),
        }
    }

    /// The `CallId` of the leg an action addresses, by id or by tag.
    fn addressed_call_id(&self, action: &Action) -> Option<CallId> {
        let tag = self.target(action)?;
        self.leg(&tag).map(|p| p.call_id.clone())
    }
}

/// A UTC time of day and date, from epoch milliseconds.
struct Utc {
    year: i64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
    milli: u64,
}

impl Utc {
    /// The proleptic Gregorian date of the day (the days-to-civil algorithm of H. Hinnant's
    /// date library, public domain).
    fn from_epoch_ms(ms: u64) -> Utc {
        let (days, in_day) = (ms / 86_400_000, ms % 86_400_000);
        let z = i64::try_from(days).unwrap_or(i64::MAX / 2) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let year = yoe + era * 400 + i64::from(month <= 2);
        Utc {
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            milli: in_day % 1000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Utc;

    #[test]
    fn dates_from_epoch_milliseconds() {
        let t = Utc::from_epoch_ms(0);
        assert_eq!((t.year, t.month, t.day, t.hour), (1970, 1, 1, 0));
        // 2023-11-14T22:13:20.123Z
        let t = Utc::from_epoch_ms(1_700_000_000_123);
        assert_eq!((t.year, t.month, t.day), (2023, 11, 14));
        assert_eq!((t.hour, t.minute, t.second, t.milli), (22, 13, 20, 123));
        // A leap day: 2024-02-29T23:59:59.999Z
        let t = Utc::from_epoch_ms(1_709_251_199_999);
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute), (2024, 2, 29, 23, 59));
    }
}
