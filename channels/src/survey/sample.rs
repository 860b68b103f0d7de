//! A ready-made continuous satisfaction survey in the LibSat style (English and Spanish):
//! the demo library publishes it, tests use it, and managers can start from it.

use super::schema::SurveyDefinition;

const SAMPLE_JSON: &str = r#"{
  "default_language": "en",
  "languages": ["en", "es"],
  "title": {"en": "How are we doing?", "es": "¿Cómo lo estamos haciendo?"},
  "intro": {"en": "Two minutes, anonymous unless you ask us to contact you.",
            "es": "Dos minutos, anónima salvo que nos pida contactarle."},
  "thanks": {"en": "Thank you for helping us improve the library.",
             "es": "Gracias por ayudarnos a mejorar la biblioteca."},
  "questions": [
    {"key": "overall", "kind": "rating", "scale": 5, "required": true,
     "prompt": {"en": "Overall, how satisfied are you with the library?", "es": "En general, ¿qué tan satisfecho está con la biblioteca?"}},
    {"key": "staff_help", "kind": "aspect", "scale": 5,
     "prompt": {"en": "Help from library staff", "es": "Ayuda del personal"}},
    {"key": "opening_hours", "kind": "aspect", "scale": 5,
     "prompt": {"en": "Opening hours", "es": "Horario de apertura"}},
    {"key": "collection", "kind": "aspect", "scale": 5,
     "prompt": {"en": "Books and other materials", "es": "Libros y otros materiales"}},
    {"key": "recommend", "kind": "nps",
     "prompt": {"en": "How likely are you to recommend the library to a friend?", "es": "¿Qué probabilidad hay de que recomiende la biblioteca a un amigo?"}},
    {"key": "used", "kind": "multiple_choice",
     "prompt": {"en": "What did you use today?", "es": "¿Qué usó hoy?"},
     "options": [
       {"key": "borrow", "label": {"en": "Borrowing", "es": "Préstamo"}},
       {"key": "computers", "label": {"en": "Computers and Wi-Fi", "es": "Computadoras y wifi"}},
       {"key": "study", "label": {"en": "Study space", "es": "Espacio de estudio"}},
       {"key": "events", "label": {"en": "Events and classes", "es": "Eventos y clases"}}]},
    {"key": "patron_type", "kind": "context",
     "prompt": {"en": "Which describes you best?", "es": "¿Qué le describe mejor?"},
     "options": [
       {"key": "adult", "label": {"en": "Adult", "es": "Adulto"}},
       {"key": "student", "label": {"en": "Student", "es": "Estudiante"}},
       {"key": "senior", "label": {"en": "Senior (65+)", "es": "Mayor (65+)"}},
       {"key": "parent", "label": {"en": "Parent or caregiver", "es": "Padre, madre o cuidador"}}]},
    {"key": "visits", "kind": "context",
     "prompt": {"en": "How often do you visit?", "es": "¿Con qué frecuencia nos visita?"},
     "options": [
       {"key": "weekly", "label": {"en": "Every week", "es": "Cada semana"}},
       {"key": "monthly", "label": {"en": "Every month", "es": "Cada mes"}},
       {"key": "rarely", "label": {"en": "A few times a year", "es": "Unas veces al año"}}]},
    {"key": "branch", "kind": "context",
     "prompt": {"en": "Which branch?", "es": "¿Qué sucursal?"},
     "options": [
       {"key": "main", "label": {"en": "Main Street", "es": "Calle Principal"}},
       {"key": "eastside", "label": {"en": "Eastside", "es": "Eastside"}},
       {"key": "online", "label": {"en": "Online only", "es": "Solo en línea"}}]},
    {"key": "comment", "kind": "free_text", "max_chars": 2000,
     "prompt": {"en": "Anything else you would like to tell us?", "es": "¿Algo más que quiera decirnos?"}},
    {"key": "contact", "kind": "contact_me",
     "prompt": {"en": "May we contact you about your answers?", "es": "¿Podemos contactarle sobre sus respuestas?"}}
  ]
}"#;

/// The sample survey (valid by construction; a test checks it).
pub fn library_satisfaction() -> SurveyDefinition {
    serde_json::from_str(SAMPLE_JSON).expect("the sample survey parses")
}
