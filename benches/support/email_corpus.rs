//! The email bench's mail: patrons' messages as mail clients write them, and their delivery
//! into the rig's Dovecot over LMTP (what Postfix itself does), before anything is timed.
//!
//! The mix, from a fixed seed: 3,000 patrons; new questions in plain text (some
//! ISO-8859-1 quoted-printable), replies with `Re:`, In-Reply-To, References and quoted
//! history, multipart/alternative text + HTML, and about 5% with a PDF or JPEG attachment
//! (20-150 KB, base64).

use base64::Engine;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const PATRONS: usize = 3_000;

const TOPICS: [&str; 16] = [
    "Renewing my books",
    "Interlibrary loan request",
    "Lost library card",
    "Room booking for Saturday",
    "Help finding sources for my thesis",
    "Printing from my laptop",
    "Overdue fine question",
    "Book club kit",
    "Hold not showing up",
    "Accessibility of the reading room",
    "Donating books",
    "Wi-Fi password",
    "Citizenship test study guides",
    "Local history photographs",
    "E-book app will not sign in",
    "Homework help for my son",
];

const LINES: [&str; 12] = [
    "I borrowed three books last month and the app says one of them is overdue.",
    "Could you tell me whether the branch on Elm Street has a copy available?",
    "My daughter needs articles about the history of the town's railway for a school project.",
    "I tried to reset my PIN on the website but the email never arrived.",
    "Is there a way to renew items that already have a hold from someone else?",
    "We would like to book the community room for a group of twelve people.",
    "The catalog shows the book as in transit for two weeks now.",
    "I am looking for peer-reviewed sources on urban heat islands published after 2015.",
    "Can I pay the replacement fee online or do I have to come to the desk?",
    "Do you have large-print editions of this title or an audiobook version?",
    "The printer on the second floor keeps saying my job is queued.",
    "Thank you for your help last time, it made a real difference.",
];

/// One generated message: who sent it and its raw bytes (CRLF line ends).
pub struct Generated {
    pub from: String,
    pub raw: Vec<u8>,
    pub with_attachment: bool,
}

/// `count` messages from a fixed seed; `tag` makes their Message-IDs unique to this run.
pub fn generate(count: usize, tag: &str) -> Vec<Generated> {
    let mut rng = StdRng::seed_from_u64(0x5eed_e3a1);
    // Each patron's latest message, for replies: (Message-ID, subject).
    let mut latest: Vec<Option<(String, String)>> = vec![None; PATRONS];
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let p = rng.gen_range(0..PATRONS);
        let from = format!("patron{p:04}@patron.test");
        let id = format!("bench-{tag}-{n}@patron.test");
        let reply = latest[p].clone().filter(|_| rng.gen_bool(0.3));
        let subject = match &reply {
            Some((_, s)) => format!("Re: {s}"),
            None => format!("{} ({})", TOPICS[rng.gen_range(0..TOPICS.len())], n % 97),
        };
        let mut text = String::from("Hello,\r\n\r\n");
        for _ in 0..rng.gen_range(2..8) {
            text.push_str(LINES[rng.gen_range(0..LINES.len())]);
            text.push_str("\r\n");
        }
        text.push_str(&format!("\r\nThank you,\r\nPatron {p}\r\n"));
        let mut headers = format!(
            "From: Patron {p} <{from}>\r\nTo: Reference Desk <desk-bench@library.test>\r\nSubject: {subject}\r\n\
             Message-ID: <{id}>\r\nDate: {}\r\nMIME-Version: 1.0\r\n",
            chrono::Utc::now().to_rfc2822()
        );
        if let Some((parent, _)) = &reply {
            headers.push_str(&format!("In-Reply-To: <{parent}>\r\nReferences: <{parent}>\r\n"));
            text.push_str(&format!(
                "\r\nOn Monday, the library wrote:\r\n> {}\r\n> Best wishes,\r\n> The library\r\n",
                LINES[p % LINES.len()]
            ));
        }
        let kind = rng.gen_range(0..100);
        let with_attachment = kind < 5;
        let body = if with_attachment {
            attachment_mail(&mut rng, &mut headers, &text, n)
        } else if kind < 15 {
            alternative_mail(&mut headers, &text, n)
        } else if kind < 20 {
            headers.push_str(
                "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            );
            format!("{}Cordialement, Ren=E9e M=FCller\r\n", text.replace('=', "=3D"))
        } else {
            headers.push_str("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n");
            text.clone()
        };
        latest[p] = Some((id.clone(), subject.trim_start_matches("Re: ").to_owned()));
        let mut raw = headers.into_bytes();
        raw.extend_from_slice(b"\r\n");
        raw.extend_from_slice(body.as_bytes());
        out.push(Generated { from, raw, with_attachment });
    }
    out
}

fn alternative_mail(headers: &mut String, text: &str, n: usize) -> String {
    let b = format!("alt-{n}");
    headers.push_str(&format!("Content-Type: multipart/alternative; boundary=\"{b}\"\r\n"));
    let html: String = text
        .split("\r\n")
        .map(|l| format!("<p>{}</p>", l.replace('&', "&amp;").replace('<', "&lt;")))
        .collect::<Vec<_>>()
        .join("\r\n");
    format!(
        "--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--{b}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><body><div style=\"font-family: Arial\">{html}</div></body></html>\r\n--{b}--\r\n"
    )
}

fn attachment_mail(rng: &mut StdRng, headers: &mut String, text: &str, n: usize) -> String {
    let b = format!("mix-{n}");
    headers.push_str(&format!("Content-Type: multipart/mixed; boundary=\"{b}\"\r\n"));
    let size = rng.gen_range(20_000..150_000);
    let (name, content_type, mut data) = if rng.gen_bool(0.5) {
        ("library-card-application.pdf", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec())
    } else {
        ("photo-of-the-damaged-book.jpg", "image/jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0])
    };
    data.extend((data.len()..size).map(|_| rng.gen::<u8>()));
    let encoded = base64::engine::general_purpose::STANDARD.encode(&data);
    let mut lines = String::with_capacity(encoded.len() + encoded.len() / 38);
    for chunk in encoded.as_bytes().chunks(76) {
        lines.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        lines.push_str("\r\n");
    }
    format!(
        "--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--{b}\r\n\
         Content-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{lines}--{b}--\r\n"
    )
}

/// Delivers `mail` to every one of `recipients` over LMTP (one transaction per message, each
/// recipient getting the same bytes), on `connections` connections. Returns the time taken.
pub async fn deliver_lmtp(
    port: u16,
    recipients: &[&str],
    mail: &[Generated],
    connections: usize,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let per = mail.len().div_ceil(connections.max(1));
    let mut set = tokio::task::JoinSet::new();
    for part in mail.chunks(per.max(1)) {
        let batch: Vec<(String, Vec<u8>)> = part.iter().map(|g| (g.from.clone(), g.raw.clone())).collect();
        let recipients: Vec<String> = recipients.iter().map(|r| r.to_string()).collect();
        set.spawn(async move { lmtp_session(port, &recipients, &batch).await });
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    Ok(started.elapsed())
}

async fn lmtp_session(port: u16, recipients: &[String], batch: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    expect(&mut read, "220").await?;
    write.write_all(b"LHLO bench.library.test\r\n").await?;
    expect(&mut read, "250").await?;
    for (from, raw) in batch {
        write.write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes()).await?;
        expect(&mut read, "250").await?;
        for r in recipients {
            write.write_all(format!("RCPT TO:<{r}>\r\n").as_bytes()).await?;
            expect(&mut read, "250").await?;
        }
        write.write_all(b"DATA\r\n").await?;
        expect(&mut read, "354").await?;
        write.write_all(&dot_stuffed(raw)).await?;
        write.write_all(b".\r\n").await?;
        // LMTP answers DATA once per recipient.
        for _ in recipients {
            expect(&mut read, "250").await?;
        }
    }
    write.write_all(b"QUIT\r\n").await?;
    Ok(())
}

/// Reads one (possibly multi-line) reply and checks its code.
async fn expect(read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>, code: &str) -> anyhow::Result<()> {
    loop {
        let mut line = String::new();
        let n = tokio::time::timeout(Duration::from_secs(60), read.read_line(&mut line)).await??;
        anyhow::ensure!(n > 0, "LMTP server closed the connection");
        anyhow::ensure!(line.starts_with(code), "LMTP: expected {code}, got {}", line.trim_end());
        // "250-..." continues; "250 ..." ends the reply.
        if line.as_bytes().get(3) != Some(&b'-') {
            return Ok(());
        }
    }
}

/// SMTP/LMTP DATA transparency: a line starting with "." gets another one; ends in CRLF.
fn dot_stuffed(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 64);
    let mut at_line_start = true;
    for &b in raw {
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n';
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}
