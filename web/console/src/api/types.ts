// Names for the generated API types (schema.d.ts is generated from the server's OpenAPI
// document: `npm run types`). Nothing here describes a shape by hand.
import type { components, paths } from './schema';

type S = components['schemas'];

export type Conversation = S['Conversation'];
export type ConversationDetail = S['ConversationDetail'];
export type ConversationPage = S['ConversationPage'];
export type ConversationStatus = S['ConversationStatus'];
export type Message = S['Message'];
export type Contact = S['Contact'];
export type ContactProfile = S['ContactProfile'];
export type Identity = S['Identity'];
export type SessionInfo = S['SessionInfo'];
export type ResetRequest = S['ResetRequest'];
export type ResetRequested = S['ResetRequested'];
export type CompleteReset = S['CompleteReset'];
export type Staff = S['Staff'];
export type Team = S['Team'];
export type ErrorBody = S['ErrorBody'];
export type SearchResults = S['SearchResults'];
export type QueueCounts = S['QueueCounts'];
export type Segments = S['Segments'];
export type CannedResponse = S['CannedResponse'];
export type CannedRequest = S['CannedRequest'];
export type PresenceState = S['PresenceState'];
export type ServerFrame = S['ServerFrame'];
export type ClientFrame = S['ClientFrame'];
export type LiveEvent = S['LiveEvent'];

export type ReplyRequest = S['ReplyRequest'];
export type NoteRequest = S['NoteRequest'];
export type AssignRequest = S['AssignRequest'];
export type TransferRequest = S['TransferRequest'];
export type StatusRequest = S['StatusRequest'];
export type TagsRequest = S['TagsRequest'];
export type LoginRequest = S['LoginRequest'];
export type Upload = S['Upload'];

/** Query of GET /api/conversations (addressed by path, which stays stable). */
export type ListQuery = NonNullable<paths['/api/conversations']['get']['parameters']['query']>;

/** One server frame of a given `type`. */
export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
/** One live event of a given `kind`. */
export type EventOf<K extends LiveEvent['kind']> = Extract<LiveEvent, { kind: K }>;

// Surveys and ratings (the survey screens' own names).
export type Survey = S['Survey'];
export type SurveyDetail = S['SurveyDetail'];
export type SurveyDefinition = S['SurveyDefinition'];
export type SurveyQuestion = S['Question'];
export type SurveyOverview = S['Overview'];
export type SurveyBreakdown = S['Breakdown'];
export type SurveyComment = S['Comment'];
export type CsatReport = S['CsatReport'];
export type CsatSettings = S['CsatSettings'];
export type PaperResponse = S['PaperResponse'];
export type PaperEntered = S['PaperEntered'];
