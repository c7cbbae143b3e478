//! The registration receipt (登记回执) handed or posted to the petitioner: a printable A4
//! HTML page. Pure: it only formats what it is given.
use super::types::Petition;
use crate::i18n::{Lang, t, tf};
use chrono::NaiveDate;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A date as the receipt's language writes it: `2026年11月25日` or `2026-11-25`.
fn date_text(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => date.format("%Y年%-m月%-d日").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// One labelled line of the receipt's table; both parts are escaped here.
fn row(out: &mut String, label: &str, value: &str) {
    out.push_str("<tr><th>");
    out.push_str(&escape_html(label));
    out.push_str("</th><td>");
    // Multi-line values (several petitioners) keep their breaks on paper.
    out.push_str(&escape_html(value).replace('\n', "<br>"));
    out.push_str("</td></tr>\n");
}

/// The printable acknowledgement of a registered petition: station, case number, date
/// received, channel, petitioners, subject, and the date by which the petitioner will be
/// told whether the petition is accepted. Every piece of text is HTML-escaped, since
/// subjects and names are typed by people and may hold anything.
pub fn receipt_html(
    petition: &Petition,
    case_no: &str,
    acceptance_due: NaiveDate,
    station_name: &str,
    lang: Lang,
) -> String {
    let title = t(lang, "petition.receipt.title");
    let petitioners = petition
        .petitioners
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        });
    let petitioners = if petition.people_count as usize > petition.petitioners.len() {
        tf(
            lang,
            "petition.receipt.people",
            &[("names", &petitioners), ("count", &petition.people_count)],
        )
    } else {
        petitioners
    };
    let due = date_text(acceptance_due, lang);
    let promise = tf(
        lang,
        "petition.receipt.promise",
        &[("station", &station_name), ("date", &due)],
    );

    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    });
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    out.push_str(&escape_html(&format!("{title} {case_no}")));
    out.push_str("</title>\n<style>\n");
    // A4 with margins a school printer can handle; serif CJK fonts read as official paper.
    out.push_str(
        "@page { size: A4; margin: 25mm 20mm; }\n\
         body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", serif; font-size: 12pt; color: #000; }\n\
         h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 4mm; }\n\
         .station { text-align: center; margin: 0 0 8mm; }\n\
         table { width: 100%; border-collapse: collapse; }\n\
         th, td { border: 1px solid #000; padding: 3mm; text-align: left; vertical-align: top; }\n\
         th { width: 30%; font-weight: normal; }\n\
         .promise { margin: 8mm 0; line-height: 1.8; }\n\
         .sign { margin-top: 16mm; text-align: right; line-height: 2; }\n\
         @media print { .noprint { display: none; } }\n",
    );
    out.push_str("</style>\n</head>\n<body>\n<h1>");
    out.push_str(&escape_html(&title));
    out.push_str("</h1>\n<p class=\"station\">");
    out.push_str(&escape_html(station_name));
    out.push_str("</p>\n<table>\n");
    row(&mut out, &t(lang, "petition.receipt.case_no"), case_no);
    row(
        &mut out,
        &t(lang, "petition.receipt.received"),
        &format!(
            "{} {}",
            date_text(petition.received_at.date(), lang),
            petition.received_at.format("%H:%M")
        ),
    );
    row(
        &mut out,
        &t(lang, "petition.field.channel"),
        &t(lang, petition.channel.label_key()),
    );
    row(
        &mut out,
        &t(lang, "petition.receipt.petitioners"),
        &petitioners,
    );
    row(
        &mut out,
        &t(lang, "petition.field.subject"),
        &petition.subject,
    );
    if !petition.documents.is_empty() {
        row(
            &mut out,
            &t(lang, "petition.field.documents"),
            &petition.documents,
        );
    }
    row(&mut out, &t(lang, "petition.receipt.acceptance_due"), &due);
    out.push_str("</table>\n<p class=\"promise\">");
    out.push_str(&escape_html(&promise));
    out.push_str("</p>\n<p class=\"sign\">");
    out.push_str(&escape_html(&tf(
        lang,
        "petition.receipt.handler",
        &[("handler", &petition.handler)],
    )));
    out.push_str("<br>");
    out.push_str(&escape_html(station_name));
    out.push_str("<br>");
    out.push_str(&escape_html(&t(lang, "petition.receipt.stamp")));
    out.push_str("</p>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::types::{PetitionInput, PetitionerInput};

    fn petition(subject: &str) -> Petition {
        PetitionInput {
            channel: "letter".into(),
            received_at: "2026-11-25 09:30".into(),
            petitioners: vec![PetitionerInput {
                name: "张三丰".into(),
                address: "城关镇".into(),
                ..Default::default()
            }],
            subject: subject.into(),
            request: "请求".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .unwrap()
    }

    #[test]
    fn markup_in_the_input_is_escaped() {
        let p = petition("<script>alert('x')</script> & \"more\"");
        let due = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let html = receipt_html(&p, "2026-0001", due, "城关镇<b>站</b>", Lang::Zh);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>"));
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        );
        assert!(html.contains("城关镇&lt;b&gt;站&lt;/b&gt;"));
    }

    #[test]
    fn the_receipt_says_what_the_petitioner_needs() {
        let mut p = petition("优待证未办理");
        p.people_count = 6;
        let due = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let zh = receipt_html(&p, "2026-0042", due, "城关镇退役军人服务站", Lang::Zh);
        assert!(zh.contains("@page { size: A4"));
        assert!(zh.contains("2026-0042"));
        assert!(zh.contains("2026年11月25日 09:30"));
        assert!(zh.contains("2026年12月10日"));
        assert!(zh.contains("张三丰"));
        assert!(zh.contains("6"));
        assert!(zh.contains("优待证未办理"));
        assert!(zh.contains("来信"));
        let en = receipt_html(&p, "2026-0042", due, "Station", Lang::En);
        assert!(en.contains("2026-12-10"));
        assert!(en.contains("lang=\"en\""));
        assert!(!en.contains("petition.receipt"), "a key is missing");
        assert!(!zh.contains("petition.receipt"), "a key is missing");
    }
}
