//! Every status against every step kind: what the lifecycle allows and what it refuses.
use super::tests::{Expect, at, case_after, good_step, path_to};
use super::*;
use StepKind as K;

#[test]
fn every_status_and_step_pair() {
    use Status as S;
    // (status, step kind, None if allowed else the refusal key)
    #[rustfmt::skip]
    let table: &[(Status, &[Expect])] = &[
        (S::Registered, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, None), (K::NotAccepted, None), (K::Forwarded, None),
            (K::InProgress, Some("petition.step.before_acceptance")),
            (K::Extended, Some("petition.step.before_acceptance")),
            (K::Replied, Some("petition.step.reply_before_acceptance")),
            (K::Closed, Some("petition.step.close_before_reply")),
            (K::ReviewRequested, Some("petition.step.review_before_reply")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::Accepted, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, None), (K::Extended, None), (K::Replied, None),
            (K::Closed, Some("petition.step.close_before_reply")),
            (K::ReviewRequested, Some("petition.step.review_before_reply")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::NotAccepted, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.ended")),
            (K::NotAccepted, Some("petition.step.ended")),
            (K::Forwarded, Some("petition.step.ended")),
            (K::InProgress, Some("petition.step.ended")),
            (K::Extended, Some("petition.step.ended")),
            (K::Replied, Some("petition.step.ended")),
            (K::Closed, Some("petition.step.ended")),
            (K::ReviewRequested, Some("petition.step.ended")),
            (K::ReviewAnswered, Some("petition.step.ended")),
            (K::ReReviewRequested, Some("petition.step.ended")),
            (K::ReReviewAnswered, Some("petition.step.ended")),
        ]),
        (S::Forwarded, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.awaiting_feedback")),
            (K::NotAccepted, Some("petition.step.awaiting_feedback")),
            (K::Forwarded, Some("petition.step.awaiting_feedback")),
            (K::InProgress, Some("petition.step.awaiting_feedback")),
            (K::Extended, Some("petition.step.awaiting_feedback")),
            (K::Replied, Some("petition.step.awaiting_feedback")),
            (K::Closed, Some("petition.step.awaiting_feedback")),
            (K::ReviewRequested, Some("petition.step.awaiting_feedback")),
            (K::ReviewAnswered, Some("petition.step.awaiting_feedback")),
            (K::ReReviewRequested, Some("petition.step.awaiting_feedback")),
            (K::ReReviewAnswered, Some("petition.step.awaiting_feedback")),
        ]),
        (S::InProgress, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.already_in_progress")),
            (K::Extended, None), (K::Replied, None),
            (K::Closed, Some("petition.step.close_before_reply")),
            (K::ReviewRequested, Some("petition.step.review_before_reply")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::Extended, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.already_in_progress")),
            (K::Extended, Some("petition.step.one_extension")),
            (K::Replied, None),
            (K::Closed, Some("petition.step.close_before_reply")),
            (K::ReviewRequested, Some("petition.step.review_before_reply")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::Replied, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.handling_over")),
            (K::Extended, Some("petition.step.extend_after_reply")),
            (K::Replied, Some("petition.step.already_replied")),
            (K::Closed, None), (K::ReviewRequested, None),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::Closed, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.handling_over")),
            (K::Extended, Some("petition.step.extend_after_reply")),
            (K::Replied, Some("petition.step.already_replied")),
            (K::Closed, Some("petition.step.already_closed")),
            (K::ReviewRequested, None),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::ReviewRequested, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.handling_over")),
            (K::Extended, Some("petition.step.extend_after_reply")),
            (K::Replied, Some("petition.step.already_replied")),
            (K::Closed, Some("petition.step.close_review_pending")),
            (K::ReviewRequested, Some("petition.step.review_once")),
            (K::ReviewAnswered, None),
            (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::ReviewAnswered, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.handling_over")),
            (K::Extended, Some("petition.step.extend_after_reply")),
            (K::Replied, Some("petition.step.already_replied")),
            (K::Closed, None),
            (K::ReviewRequested, Some("petition.step.review_once")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, None),
            (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
        ]),
        (S::ReReviewRequested, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.already_decided")),
            (K::NotAccepted, Some("petition.step.already_decided")),
            (K::Forwarded, Some("petition.step.already_decided")),
            (K::InProgress, Some("petition.step.handling_over")),
            (K::Extended, Some("petition.step.extend_after_reply")),
            (K::Replied, Some("petition.step.already_replied")),
            (K::Closed, Some("petition.step.close_review_pending")),
            (K::ReviewRequested, Some("petition.step.review_once")),
            (K::ReviewAnswered, Some("petition.step.no_review_pending")),
            (K::ReReviewRequested, Some("petition.step.rereview_once")),
            (K::ReReviewAnswered, None),
        ]),
        (S::ReReviewAnswered, &[
            (K::Registered, Some("petition.step.already_registered")),
            (K::Accepted, Some("petition.step.final")),
            (K::NotAccepted, Some("petition.step.final")),
            (K::Forwarded, Some("petition.step.final")),
            (K::InProgress, Some("petition.step.final")),
            (K::Extended, Some("petition.step.final")),
            (K::Replied, Some("petition.step.final")),
            (K::Closed, None),
            (K::ReviewRequested, Some("petition.step.final")),
            (K::ReviewAnswered, Some("petition.step.final")),
            (K::ReReviewRequested, Some("petition.step.final")),
            (K::ReReviewAnswered, Some("petition.step.final")),
        ]),
    ];
    let mut seen = 0;
    // The referral statuses and steps have their own table in `referral`.
    assert_eq!(table.len(), super::super::referral::FIRST_STATUSES);
    for (status, row) in table {
        assert_eq!(
            row.len(),
            super::super::referral::FIRST_KINDS,
            "row for {status:?}"
        );
        let path = path_to(*status);
        let case = case_after(&path);
        assert_eq!(case.status, *status);
        let day = u32::try_from(path.len()).unwrap() + 1;
        for (kind, expected) in row.iter() {
            let result = apply(&case, &good_step(*kind, day));
            match expected {
                None => {
                    let next =
                        result.unwrap_or_else(|m| panic!("{status:?} + {kind:?} refused: {m:?}"));
                    assert_eq!(next.status, kind.target(), "{status:?} + {kind:?}");
                    assert_eq!(next.last_step, at(day));
                }
                Some(key) => {
                    let m = result.expect_err(&format!("{status:?} + {kind:?} allowed"));
                    assert_eq!(m.key, *key, "{status:?} + {kind:?}");
                }
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 144);
}
