import type { GitHubClient } from "./github-client.js";

/**
 * The app's own login (`<slug>[bot]`), from `GET /app`: the app itself, answered with its JWT
 * whether or not it is installed anywhere. (The installation listing only names the slug once there
 * is an installation, and every new deployment starts before its first one.) Asked once; a failed
 * request is asked again by the next caller.
 */
export function appLoginFrom(appClient: () => Promise<GitHubClient>): () => Promise<string> {
  let login: Promise<string> | undefined;
  return () => {
    login ??= (async () => {
      const app = await appClient();
      const { data } = await app.rest.apps.getAuthenticated();
      const slug = data?.slug;
      if (!slug) throw new Error("GET /app answered without the app's slug");
      return `${slug}[bot]`;
    })();
    login.catch(() => (login = undefined));
    return login;
  };
}
