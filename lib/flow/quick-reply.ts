export interface QuickReply {
  label: string;
  payload: string;
}
