//! `stationdesk find QUERY [--limit N] [--json]`: the lookup engine from the command line.
use super::text_table::render;
use super::{CliError, Ctx};
use crate::domain::category::{display_list, display_name};
use crate::domain::mask::{mask_id, mask_phone};
use crate::i18n::t;
use crate::search::Searcher;

pub fn run(ctx: &Ctx, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let index = store.load_index().map_err(|e| ctx.store_error(e))?;
    let hits = Searcher::new().search(&index, query, limit);
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let people = store.people_by_ids(&ids).map_err(|e| ctx.store_error(e))?;
    let scored = hits
        .iter()
        .filter_map(|h| people.iter().find(|p| p.id == Some(h.id)).map(|p| (h, p)));
    if json {
        for (hit, p) in scored {
            let line = serde_json::json!({
                "id": hit.id,
                "name": p.name,
                "id_number_masked": mask_id(&p.id_number),
                "phone_masked": mask_phone(&p.phone),
                "category": display_name(p.main_category(), ctx.lang),
                "categories": p.categories.iter().map(|c| display_name(c, ctx.lang)).collect::<Vec<_>>(),
                "score": hit.score,
            });
            println!("{line}");
        }
        return Ok(());
    }
    let rows: Vec<Vec<String>> = scored
        .map(|(_, p)| {
            vec![
                p.name.clone(),
                p.gender.map(|g| t(ctx.lang, g.key())).unwrap_or_default(),
                mask_id(&p.id_number),
                mask_phone(&p.phone),
                display_list(&p.categories, ctx.lang),
                [p.town.as_str(), p.village.as_str()]
                    .join(" ")
                    .trim()
                    .to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        println!(
            "{}",
            crate::i18n::tf(ctx.lang, "find.none", &[("query", &query)])
        );
        return Ok(());
    }
    let headers = [
        "field.name",
        "field.gender",
        "field.id_number",
        "field.phone",
        "field.category",
        "field.town",
    ]
    .iter()
    .map(|k| t(ctx.lang, k))
    .collect::<Vec<_>>();
    print!("{}", render(&headers, &rows, &[]));
    Ok(())
}
