// An exhaustive, strict client of the package's v3 endpoints, type-checked by
// tests/api/test_typescript.py against the types openapi-typescript generates from the
// served document (`openapi.d.ts`, written next to this file by the test).
import type { components, paths } from "./openapi";

type Schemas = components["schemas"];
type News = Schemas["CrisisNews"];
type Block = News["body"][number];
type Problem = Schemas["CmaProblem"];
type NewsList =
  paths["/api/v3/cma/crisis-news/"]["get"]["responses"][200]["content"]["application/json"];
type CallbackCreated =
  paths["/api/v3/cma/callback-requests/"]["post"]["responses"][201]["content"]["application/json"];

/** One line of text per block: every block type is handled, or this does not compile. */
export function describe(block: Block): string {
  switch (block.type) {
    case "heading":
      return block.value.text ?? "";
    case "paragraph":
      return String(block.value);
    case "image":
      return block.value.alt;
    case "quote":
      return "quote";
    case "call_to_action":
      return block.value.heading;
    case "key_figures":
      return "key figures";
    case "faq":
      return "faq";
    case "document_list":
      return "documents";
    case "video":
      return "video";
    case "contact":
      return "contact";
    case "alert":
      return "alert";
    case "latest_news":
      return "latest news";
    case "initiatives":
      return "initiatives";
    case "upcoming_sessions":
      return "sessions";
    case "initiative_proposal":
      return "proposal form";
    case "callback_request":
      return "callback form";
    case "news_alerts":
      return "news alerts";
    case "event_map":
      return "event map";
    default: {
      const unhandled: never = block;
      throw new Error(`unknown block ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Field errors of a 422, keyed by field: the same shape whatever found the fault. */
export function fieldErrors(problem: Problem): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const error of problem.errors ?? []) {
    const field = (error.loc ?? []).join(".");
    (errors[field] ??= []).push(error.msg);
  }
  return errors;
}

export function titles(list: NewsList): string[] {
  return list.items.map((news: News) => `${news.title} (${news.urgency})`);
}

export async function requestCallback(
  base: string,
  body: Schemas["CallbackRequestIn"],
  key: string,
): Promise<CallbackCreated | Problem> {
  const response = await fetch(`${base}/api/v3/cma/callback-requests/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
  if (response.status === 429) {
    const wait = Number(response.headers.get("Retry-After") ?? "60");
    console.warn(`retry in ${wait} s`);
  }
  return (await response.json()) as CallbackCreated | Problem;
}
