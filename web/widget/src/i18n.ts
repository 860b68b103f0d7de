// The widget's words, in every language it speaks. A language missing a key falls back to
// English; `{name}`-style holes are filled by `t`.

const en = {
  launcher: 'Chat with a librarian',
  launcherUnread: '{n} new',
  title: 'Ask a librarian',
  close: 'Close chat',
  minimise: 'Close',
  conversation: 'Conversation',
  you: 'You',
  librarian: 'Librarian',
  composerLabel: 'Your message',
  faqHints: 'These answers may help (you can still send your question):',
  faqHelpful: 'This answered my question',
  faqThanks: 'Glad it helped. A librarian is still here if you need one.',
  faqHintsFound: 'Suggested answers above the message box: {n}',
  composerPlaceholder: 'Type your question…',
  send: 'Send',
  attach: 'Attach an image or PDF',
  attachTooBig: '{file} is too large (the limit is {limit}).',
  attachWrongType: 'Only images and PDF files can be sent.',
  attachFailed: 'The file could not be sent. Please try again.',
  uploading: 'Sending {file}…',
  sending: 'Sending…',
  sent: 'Sent',
  seen: 'Seen',
  typing: 'A librarian is typing…',
  joined: '{name} has joined the chat.',
  queue: 'You are number {n} in the queue.',
  queueNext: 'You are next in the queue.',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  offlineNetwork: 'You are offline. Messages will be sent when the connection is back.',
  reconnected: 'Connected again.',
  unavailableTitle: 'Leave us a message',
  leaveIntro: 'We will answer by email or text message.',
  leaveMessage: 'Your message',
  leaveName: 'Name (optional)',
  leaveEmail: 'Email',
  leavePhone: 'Phone (for a text message)',
  leaveNeedContact: 'Please give an email address or a phone number so we can answer.',
  leaveSend: 'Send message',
  leaveDone: 'Thank you. Your message has reached the library; we will answer you soon.',
  nextOpen: 'We open again {when}.',
  closedNow: 'Chat is closed right now.',
  noStaffNow: 'No librarian is free to chat right now.',
  detailsToggle: 'Your name and email (optional)',
  detailsHint: 'Only used to send you the transcript or a later reply.',
  detailsName: 'Name',
  detailsEmail: 'Email',
  detailsSave: 'Save details',
  detailsSaved: 'Details saved.',
  endChat: 'End chat',
  endConfirm: 'End this chat?',
  endYes: 'Yes, end it',
  endNo: 'Keep chatting',
  endedByStaff: 'The librarian has ended the chat.',
  endedByPatron: 'You ended the chat.',
  transcriptLabel: 'Email me the transcript',
  transcriptSend: 'Send transcript',
  transcriptDone: 'The transcript is on its way.',
  rateLegend: 'How helpful was this chat?',
  rateStar: '{n} out of 5',
  rateComment: 'Comment (optional)',
  rateSend: 'Send rating',
  rateDone: 'Thank you for your feedback.',
  newChat: 'Start a new chat',
  error_rate_limited: 'You are sending messages too quickly. Please wait a moment.',
  error_invalid_email: 'That email address does not look right.',
  error_invalid_phone: 'That phone number does not look right.',
  error_too_large: 'That message is too long.',
  error_identity_invalid: 'Your library account could not be confirmed; you are chatting as a guest.',
  error_closed: 'This chat is closed.',
  error_generic: 'Something went wrong. Please try again.',
  privacy: 'Privacy',
  newMessageFrom: 'New message from {name}: {text}',
  attachment: 'Attachment: {file}',
};

export type StringKey = keyof typeof en;
type Strings = Record<StringKey, string>;

const es: Strings = {
  launcher: 'Chatea con un bibliotecario',
  launcherUnread: '{n} nuevos',
  title: 'Pregunte a la biblioteca',
  close: 'Cerrar el chat',
  minimise: 'Cerrar',
  conversation: 'Conversación',
  you: 'Usted',
  librarian: 'Bibliotecario',
  composerLabel: 'Su mensaje',
  faqHints: 'Estas respuestas pueden ayudar (puede enviar su pregunta igualmente):',
  faqHelpful: 'Esto respondió mi pregunta',
  faqThanks: 'Nos alegra haber ayudado. Un bibliotecario sigue aquí si lo necesita.',
  faqHintsFound: 'Respuestas sugeridas sobre el cuadro de mensaje: {n}',
  composerPlaceholder: 'Escriba su pregunta…',
  send: 'Enviar',
  attach: 'Adjuntar una imagen o un PDF',
  attachTooBig: '{file} es demasiado grande (el límite es {limit}).',
  attachWrongType: 'Solo se pueden enviar imágenes y archivos PDF.',
  attachFailed: 'No se pudo enviar el archivo. Inténtelo de nuevo.',
  uploading: 'Enviando {file}…',
  sending: 'Enviando…',
  sent: 'Enviado',
  seen: 'Visto',
  typing: 'Un bibliotecario está escribiendo…',
  joined: '{name} se ha unido al chat.',
  queue: 'Usted es el número {n} en la cola.',
  queueNext: 'Usted es el siguiente en la cola.',
  connecting: 'Conectando…',
  reconnecting: 'Se perdió la conexión. Reconectando…',
  offlineNetwork: 'Está sin conexión. Los mensajes se enviarán cuando vuelva la conexión.',
  reconnected: 'Conectado de nuevo.',
  unavailableTitle: 'Déjenos un mensaje',
  leaveIntro: 'Le responderemos por correo electrónico o por mensaje de texto.',
  leaveMessage: 'Su mensaje',
  leaveName: 'Nombre (opcional)',
  leaveEmail: 'Correo electrónico',
  leavePhone: 'Teléfono (para un mensaje de texto)',
  leaveNeedContact: 'Indique un correo electrónico o un teléfono para que podamos responderle.',
  leaveSend: 'Enviar mensaje',
  leaveDone: 'Gracias. Su mensaje ha llegado a la biblioteca; le responderemos pronto.',
  nextOpen: 'Volvemos a abrir {when}.',
  closedNow: 'El chat está cerrado en este momento.',
  noStaffNow: 'Ahora no hay ningún bibliotecario libre para chatear.',
  detailsToggle: 'Su nombre y correo (opcional)',
  detailsHint: 'Solo para enviarle la transcripción o una respuesta posterior.',
  detailsName: 'Nombre',
  detailsEmail: 'Correo electrónico',
  detailsSave: 'Guardar datos',
  detailsSaved: 'Datos guardados.',
  endChat: 'Terminar el chat',
  endConfirm: '¿Terminar este chat?',
  endYes: 'Sí, terminar',
  endNo: 'Seguir chateando',
  endedByStaff: 'El bibliotecario ha terminado el chat.',
  endedByPatron: 'Usted terminó el chat.',
  transcriptLabel: 'Enviarme la transcripción por correo',
  transcriptSend: 'Enviar transcripción',
  transcriptDone: 'La transcripción está en camino.',
  rateLegend: '¿Qué tan útil fue este chat?',
  rateStar: '{n} de 5',
  rateComment: 'Comentario (opcional)',
  rateSend: 'Enviar valoración',
  rateDone: 'Gracias por su opinión.',
  newChat: 'Empezar un chat nuevo',
  error_rate_limited: 'Está enviando mensajes demasiado rápido. Espere un momento.',
  error_invalid_email: 'Esa dirección de correo no parece correcta.',
  error_invalid_phone: 'Ese número de teléfono no parece correcto.',
  error_too_large: 'Ese mensaje es demasiado largo.',
  error_identity_invalid: 'No se pudo confirmar su cuenta de la biblioteca; chatea como invitado.',
  error_closed: 'Este chat está cerrado.',
  error_generic: 'Algo salió mal. Inténtelo de nuevo.',
  privacy: 'Privacidad',
  newMessageFrom: 'Nuevo mensaje de {name}: {text}',
  attachment: 'Adjunto: {file}',
};

const LANGUAGES: Record<string, Strings> = { en, es };

export const SUPPORTED = Object.keys(LANGUAGES);

/** The first of `wanted` (e.g. data-lang, then the browser's) the widget speaks, else English. */
export function pickLanguage(wanted: (string | undefined | null)[], offered: string[]): string {
  for (const w of wanted) {
    const base = w?.toLowerCase().split('-')[0];
    if (base && LANGUAGES[base] && (offered.length === 0 || offered.includes(base))) return base;
  }
  for (const w of wanted) {
    const base = w?.toLowerCase().split('-')[0];
    if (base && LANGUAGES[base]) return base;
  }
  return 'en';
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(lang: string): Translate {
  const strings = LANGUAGES[lang] ?? en;
  return (key, vars) => {
    let s = strings[key] ?? en[key];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** "1.5 MB" style sizes for the upload cap. */
export function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n)} ${units[i]}`;
}
