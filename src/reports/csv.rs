//! CSV for report tables and the per-conversation export (RFC 4180, with a guard against
//! spreadsheet formula injection: a cell starting with = + - @ gets a leading apostrophe,
//! except plain numbers).

/// One CSV line (with CRLF) from cells.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell_text(cell.as_ref()));
    }
    out.push_str("\r\n");
    out
}

fn cell_text(raw: &str) -> String {
    let formula = raw.starts_with(['=', '+', '-', '@', '\t', '\r']) && raw.parse::<f64>().is_err();
    let text = if formula { format!("'{raw}") } else { raw.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// An optional number as a cell (empty when absent).
pub fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_needed_and_formulas_are_defused() {
        assert_eq!(line(&["a", "b,c", "say \"hi\""]), "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
        assert_eq!(line(&["=SUM(A1)", "-3.5", "@x"]), "'=SUM(A1),-3.5,'@x\r\n");
        assert_eq!(line(&[num::<i64>(None), num(Some(4))]), ",4\r\n");
    }
}
