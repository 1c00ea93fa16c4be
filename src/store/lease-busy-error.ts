/** Another process (a second replica) holds the lease for this work; try again later. */
export class LeaseBusyError extends Error {
  override readonly name = "LeaseBusyError";

  constructor(readonly key: string) {
    super(`another process is working on ${key}`);
  }
}
