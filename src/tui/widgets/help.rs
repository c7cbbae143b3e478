//! The help overlay: the current screen's keys, read from the keymap itself, so that what
//! it says is what the keys do (overrides included).
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The help overlay's state: only how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

/// The keymap's sections every screen shares: moving in lists, typing, forms, the global
/// keys. The help lists them after the keys of the screen one is on.
const GENERIC: &[&str] = &["global", "list", "text", "form", "help"];

/// `(keys, action)` for every action reachable from `sections`: first the screen's own keys,
/// then the generic ones, each group in the keymap's order.
pub fn entries(view: &View, sections: &[&str], text_focused: bool) -> Vec<(String, Action)> {
    let mut seen: Vec<(bool, Action)> = Vec::new();
    for section in sections {
        let generic = GENERIC.contains(section);
        for (action, _) in view.keymap.bindings(section) {
            match seen.iter_mut().find(|(_, a)| a == action) {
                // Bound by the screen's own section too: it is one of the screen's keys.
                Some(entry) => entry.0 &= generic,
                None => seen.push((generic, action.clone())),
            }
        }
    }
    seen.sort_by_key(|(generic, a)| (*generic, a.order()));
    let seen = seen.into_iter().map(|(_, a)| a);
    seen.filter_map(|a| {
        view.keymap
            .keys_for(sections, &a, text_focused)
            .map(|keys| (keys, a))
    })
    .collect()
}

impl Help {
    pub fn scroll_by(&mut self, delta: isize, entries: usize) {
        let max = entries.saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        view: &View,
        screen_title: &str,
        sections: &[&str],
        text_focused: bool,
    ) {
        let list = entries(view, sections, text_focused);
        let key_cols = list
            .iter()
            .map(|(k, _)| text::width(k))
            .max()
            .unwrap_or(0)
            .min(24);
        let mut lines: Vec<Line> = list
            .iter()
            .skip(self.scroll)
            .map(|(keys, action)| {
                let label = crate::tui::widgets::chrome::action_label(view, sections, action)
                    .unwrap_or_default();
                Line::from(vec![
                    Span::styled(text::fit(keys, key_cols + 2), view.theme.key_hint),
                    Span::styled(label, view.theme.text),
                ])
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::styled(
            view.t("tui.help.typing_rule"),
            view.theme.muted,
        ));
        lines.push(Line::styled(view.t("tui.help.close"), view.theme.muted));

        let width = area.width.saturating_sub(4).min(72);
        // The two closing notes may wrap onto a second line each.
        let wanted = u16::try_from(lines.len() + 4).unwrap_or(u16::MAX);
        let height = wanted.min(area.height.saturating_sub(2));
        let popup = Rect {
            x: area.x + (area.width.saturating_sub(width)) / 2,
            y: area.y + (area.height.saturating_sub(height)) / 2,
            width,
            height,
        };
        let title = crate::i18n::tf(view.lang, "tui.help.title", &[("screen", &screen_title)]);
        chrome::clear_popup(frame, popup);
        let para = Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(view.theme.text)
            .block(chrome::boxed(title, view).style(view.theme.text));
        frame.render_widget(para, popup);
    }
}
