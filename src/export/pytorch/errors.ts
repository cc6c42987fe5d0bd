/** A graph this export cannot write, with the sentence for the person and the node it is about. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}
