import type { NoticeMessage } from "../views/notice.js";

/**
 * The outcome of a form post, shown once on the page it redirects to (post/redirect/get).
 * Held by the server, not put into the redirect's URL, so no link can make the console show
 * a message of someone else's choosing. One console has one user; the last notice wins.
 */
export class NoticeBoard {
  #pending: NoticeMessage | undefined;

  post(notice: NoticeMessage): void {
    this.#pending = notice;
  }

  take(): NoticeMessage | undefined {
    const notice = this.#pending;
    this.#pending = undefined;
    return notice;
  }
}
