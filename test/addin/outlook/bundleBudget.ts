/**
 * The Outlook event bundle's size in gzip -9 bytes. Classic Outlook loads this one ES2016 file inside
 * its ~5 s send budget, so the goal is 40 KB (docs/architecture.md). With Office's labels read from
 * attachments, replies and meetings, custom-type reporting and the protection gate it measures 41,918
 * bytes, 958 over (docs/benchmarks.md): the goal is not met yet, and the tests hold the bundle under this
 * ceiling so that it cannot grow further while it is brought back under 40 KB.
 */
export const EVENT_BUNDLE_CEILING = 42 * 1024;
