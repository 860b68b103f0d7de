//! The words of the survey pages themselves (buttons, hints, errors), in the languages the
//! pages ship with. A survey's own texts come from its definition; an unknown language
//! falls back to English here.

/// One language's page strings.
pub struct Strings {
    pub language_name: &'static str,
    pub choose_language: &'static str,
    pub submit: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub thanks: &'static str,
    pub again: &'static str,
    pub errors_title: &'static str,
    pub importance: &'static str,
    pub satisfaction: &'static str,
    pub not_likely: &'static str,
    pub very_likely: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub contact_consent: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub leave_empty: &'static str,
    pub duplicate: &'static str,
    pub too_many: &'static str,
    pub print: &'static str,
    pub kiosk_reset: &'static str,
    /// The link to the library's privacy page (what is kept, for how long).
    pub privacy: &'static str,
}

const EN: Strings = Strings {
    language_name: "English",
    choose_language: "Language",
    submit: "Send my answers",
    required: "required",
    optional: "optional",
    thanks: "Thank you! Your answers were received.",
    again: "Start a new survey",
    errors_title: "Please check these answers",
    importance: "How important is this to you?",
    satisfaction: "How satisfied are you with it?",
    not_likely: "Not at all likely",
    very_likely: "Extremely likely",
    low: "Very unsatisfied",
    high: "Very satisfied",
    contact_consent: "Yes, please contact me about my answers",
    email: "Email address",
    phone: "Mobile number (for a text)",
    phone_hint: "With country code, e.g. +1 555 123 4567",
    leave_empty: "Leave this field empty",
    duplicate: "We already have these answers. Thank you!",
    too_many: "Too many answers from this connection just now. Please try again in a few minutes.",
    print: "Print this form",
    kiosk_reset: "This screen starts over by itself after a short while.",
    privacy: "How we handle your answers",
};

const ES: Strings = Strings {
    language_name: "Español",
    choose_language: "Idioma",
    submit: "Enviar mis respuestas",
    required: "obligatoria",
    optional: "opcional",
    thanks: "¡Gracias! Recibimos sus respuestas.",
    again: "Empezar una nueva encuesta",
    errors_title: "Revise estas respuestas",
    importance: "¿Qué tan importante es para usted?",
    satisfaction: "¿Qué tan satisfecho está?",
    not_likely: "Nada probable",
    very_likely: "Muy probable",
    low: "Muy insatisfecho",
    high: "Muy satisfecho",
    contact_consent: "Sí, contáctenme sobre mis respuestas",
    email: "Correo electrónico",
    phone: "Número de móvil (para un mensaje de texto)",
    phone_hint: "Con código de país, p. ej. +1 555 123 4567",
    leave_empty: "Deje este campo vacío",
    duplicate: "Ya tenemos estas respuestas. ¡Gracias!",
    too_many: "Demasiadas respuestas desde esta conexión. Inténtelo de nuevo en unos minutos.",
    print: "Imprimir este formulario",
    kiosk_reset: "Esta pantalla vuelve a empezar sola después de un rato.",
    privacy: "Cómo tratamos sus respuestas",
};

const FR: Strings = Strings {
    language_name: "Français",
    choose_language: "Langue",
    submit: "Envoyer mes réponses",
    required: "obligatoire",
    optional: "facultatif",
    thanks: "Merci ! Vos réponses ont bien été reçues.",
    again: "Commencer un nouveau questionnaire",
    errors_title: "Veuillez vérifier ces réponses",
    importance: "Quelle importance cela a-t-il pour vous ?",
    satisfaction: "Quelle est votre satisfaction ?",
    not_likely: "Pas du tout probable",
    very_likely: "Très probable",
    low: "Très insatisfait",
    high: "Très satisfait",
    contact_consent: "Oui, contactez-moi au sujet de mes réponses",
    email: "Adresse courriel",
    phone: "Numéro de mobile (pour un texto)",
    phone_hint: "Avec l'indicatif du pays, p. ex. +1 555 123 4567",
    leave_empty: "Laissez ce champ vide",
    duplicate: "Nous avons déjà ces réponses. Merci !",
    too_many: "Trop de réponses depuis cette connexion. Réessayez dans quelques minutes.",
    print: "Imprimer ce formulaire",
    kiosk_reset: "Cet écran recommence tout seul après un moment.",
    privacy: "Comment nous traitons vos réponses",
};

/// The page strings for `lang` (its primary subtag), English when we have none.
pub fn strings(lang: &str) -> &'static Strings {
    match lang.split('-').next().unwrap_or("").to_ascii_lowercase().as_str() {
        "es" => &ES,
        "fr" => &FR,
        _ => &EN,
    }
}

/// The field error shown for a code from validation.
pub fn error_text(lang: &str, code: &str) -> &'static str {
    let es = lang.starts_with("es");
    let fr = lang.starts_with("fr");
    match (code, es, fr) {
        ("required", true, _) => "Esta pregunta es obligatoria.",
        ("required", _, true) => "Cette question est obligatoire.",
        ("required", ..) => "This question needs an answer.",
        ("invalid_email", true, _) => "Esa dirección de correo no parece válida.",
        ("invalid_email", _, true) => "Cette adresse courriel ne semble pas valide.",
        ("invalid_email", ..) => "That email address does not look right.",
        ("invalid_phone", true, _) => "Escriba el número con el código de país, p. ej. +1 555 123 4567.",
        ("invalid_phone", _, true) => "Écrivez le numéro avec l'indicatif du pays, p. ex. +1 555 123 4567.",
        ("invalid_phone", ..) => "Write the number with its country code, e.g. +1 555 123 4567.",
        ("contact_missing", true, _) => "Indique un correo o un número para contactarle.",
        ("contact_missing", _, true) => "Indiquez un courriel ou un numéro pour vous joindre.",
        ("contact_missing", ..) => "Give an email address or a number so we can reach you.",
        ("incomplete", true, _) => "Responda las dos partes de esta pregunta.",
        ("incomplete", _, true) => "Répondez aux deux parties de cette question.",
        ("incomplete", ..) => "Please answer both parts of this question.",
        ("too_long", ..) => "This answer is too long.",
        (_, true, _) => "Revise esta respuesta.",
        (_, _, true) => "Vérifiez cette réponse.",
        _ => "Please check this answer.",
    }
}
