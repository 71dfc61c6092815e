/**
 * The fake Word host keeps office.js's rules, so an adapter that breaks them fails here and not
 * only in real Word: unloaded reads throw, values appear only after sync, null objects, collections,
 * dead proxies after `run`, tracked objects, partial batches.
 */
import { createFakeWord, propertyMap, type FakeWord } from "./fakes/word";
import { FakeOfficeError } from "./fakes/document/runtime";

type AnyContext = Word.RequestContext;
let word: FakeWord;
const run = <T>(batch: (context: AnyContext) => Promise<T>): Promise<T> =>
  (word.Word.run as (b: (c: AnyContext) => Promise<T>) => Promise<T>)(batch);

beforeEach(() => {
  word = createFakeWord({
    sections: [{ headers: { Primary: ["Acme"] } }, {}],
    properties: { Owner: "Priya", Pages: 12 },
  });
});

it("throws PropertyNotLoaded for a property that was not loaded, and before the sync", async () => {
  await run(async (context) => {
    const props = context.document.properties.customProperties;
    expect(() => props.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    props.load("items/key");
    expect(() => props.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await context.sync();
    expect(props.items.map((p) => p.key)).toEqual(["Owner", "Pages"]);
    expect(() => props.items[0].value).toThrow(FakeOfficeError);
  });
});

it("shows values as of the sync, not later model changes", async () => {
  await run(async (context) => {
    const props = context.document.properties.customProperties.load("items/key,items/value,items/type");
    await context.sync();
    word.model.properties[0].value = "changed";
    expect(props.items[0].value).toBe("Priya");
    expect(props.items[1].type).toBe("Number");
  });
});

it("resolves *OrNullObject at sync: isNullObject unreadable before, true or false after", async () => {
  await run(async (context) => {
    const missing = context.document.properties.customProperties.getItemOrNullObject("Nope");
    const present = context.document.properties.customProperties.getItemOrNullObject("OWNER");
    // eslint-disable-next-line office-addins/call-sync-before-read -- reading too early is what this test checks
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    present.load("value");
    await context.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
    expect(present.value).toBe("Priya");
  });
});

it("fails the whole sync on a missing item; commands before it stay applied (no transaction)", async () => {
  await expect(
    run(async (context) => {
      const custom = context.document.properties.customProperties;
      custom.add("First", "1");
      custom.getItem("Missing").delete();
      custom.add("Second", "2");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ItemNotFound" });
  expect(propertyMap(word.model)).toEqual({ Owner: "Priya", Pages: "12", First: "1" });
});

it("counts syncs and round trips; run sends what is still queued", async () => {
  await run(async (context) => {
    await context.sync(); // nothing queued: no round trip
    context.document.properties.customProperties.add("A", "1");
  });
  expect(word.runtime.stats).toMatchObject({ syncCalls: 2, roundTrips: 1 });
  expect(propertyMap(word.model).A).toBe("1");
});

it("kills proxies at the end of run unless tracked", async () => {
  const untracked = await run(async (context) => context.document.properties.customProperties);
  const tracked = await run(async (context) => {
    const c = context.document.properties.customProperties;
    context.trackedObjects.add(c);
    return c;
  });
  await expect(
    (word.Word.run as (o: unknown, b: (c: AnyContext) => Promise<void>) => Promise<void>)(
      untracked,
      async (context) => {
        untracked.add("X", "1");
        await context.sync();
      },
    ),
  ).rejects.toMatchObject({ code: "InvalidObjectPath" });
  await (word.Word.run as (o: unknown, b: (c: AnyContext) => Promise<void>) => Promise<void>)(
    tracked,
    async (context) => {
      tracked.add("Y", "1");
      await context.sync();
    },
  );
  expect(propertyMap(word.model).Y).toBe("1");
  expect(propertyMap(word.model).X).toBeUndefined();
});

it("matches custom property keys ignoring case and truncates strings to 255 like Word desktop", async () => {
  await run(async (context) => {
    const custom = context.document.properties.customProperties;
    custom.add("owner", "Sam");
    custom.add("Long", "y".repeat(300));
    await context.sync();
  });
  expect(propertyMap(word.model).Owner).toBe("Sam");
  expect(propertyMap(word.model).Long).toHaveLength(255);
});

it("refuses to delete a locked content control and to edit a read-only one", async () => {
  await expect(
    run(async (context) => {
      const p = context.document.sections.getFirst().getHeader("Primary").insertParagraph("Mark", "Start");
      const cc = p.insertContentControl();
      cc.cannotDelete = true;
      await context.sync();
      cc.delete(false);
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "AccessDenied" });
});

it("reaches sections with getFirst/getNext and reports the end with getNextOrNullObject", async () => {
  await run(async (context) => {
    const first = context.document.sections.getFirst();
    const second = first.getNext();
    const third = second.getNextOrNullObject();
    second.getHeader("Primary").insertParagraph("Two", "End");
    await context.sync();
    expect(third.isNullObject).toBe(true);
  });
  expect(
    word.model.sections[1].headers.Primary.blocks.map((b) => (b.kind === "paragraph" ? b.text : "cc")),
  ).toEqual(["", "Two"]);
  await expect(
    run(async (context) => {
      context.document.sections
        .getFirst()
        .getNext()
        .getNext()
        .getHeader("Primary")
        .insertParagraph("x", "End");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ItemNotFound" });
});

it("rejects an invalid header type when the command is built", async () => {
  await run(async (context) => {
    expect(() => context.document.sections.getFirst().getHeader("Odd" as "Primary")).toThrow(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
  });
});
