/**
 * The fake PowerPoint host keeps office.js's rules where the adapter relies on them: values only
 * after load + sync, tags stored in upper case, no text frame on an image, requirement sets of an
 * older client answered with ApiNotFound.
 */
import { API_NOT_FOUND, createFakePowerPoint, type FakePowerPoint } from "./fakes/powerpoint";

type Ctx = PowerPoint.RequestContext;
const run = <T>(ppt: FakePowerPoint, batch: (context: Ctx) => Promise<T>): Promise<T> =>
  (ppt.PowerPoint.run as (b: (c: Ctx) => Promise<T>) => Promise<T>)(batch);

const deck = () =>
  createFakePowerPoint({
    masters: [{ layouts: [{ name: "Title Slide", shapes: [{ name: "Title 1", text: "Title" }] }] }],
    slides: [[{ name: "Photo", type: "Image" }, "Hello"]],
  });

it("gives values only after load and sync", async () => {
  const ppt = deck();
  await run(ppt, async (context) => {
    const masters = context.presentation.slideMasters.load("items/id");
    expect(() => masters.items).toThrow(/not available/);
    await context.sync();
    const layouts = masters.getItem(masters.items[0].id).layouts.load("items/name");
    await context.sync();
    expect(layouts.items.map((l) => l.name)).toEqual(["Title Slide"]);
    expect(() => layouts.items[0].id).toThrow(/not available/);
  });
});

it("adds a text box whose name, tags and font are written at sync; tag keys are stored in upper case", async () => {
  const ppt = deck();
  await run(ppt, async (context) => {
    const layout = context.presentation.slideMasters
      .getItem(ppt.model.masters[0].id)
      .layouts.getItem(ppt.model.masters[0].layouts[0].id);
    const box = layout.shapes.addTextBox("Mark", { left: 1, top: 2, width: 3, height: 4 });
    box.name = "MSIPCMContentMarking";
    box.tags.add("labelbridge_mark", "footer");
    box.textFrame.textRange.font.color = "#FF0000";
    expect(ppt.model.masters[0].layouts[0].shapes).toHaveLength(1);
    await context.sync();
  });
  const added = ppt.model.masters[0].layouts[0].shapes[1];
  expect(added).toMatchObject({
    name: "MSIPCMContentMarking",
    text: "Mark",
    tags: { LABELBRIDGE_MARK: "footer" },
    font: { color: "#FF0000" },
    left: 1,
    height: 4,
  });
});

it("fails the batch for an image's text frame and for a colour PowerPoint does not take", async () => {
  const ppt = deck();
  await expect(
    run(ppt, async (context) => {
      const shapes = context.presentation.slides.load("items/id");
      await context.sync();
      const list = shapes.items[0].shapes.load("items/id");
      await context.sync();
      list.items[0].textFrame.textRange.load("text");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
  await expect(
    run(ppt, async (context) => {
      const layout = context.presentation.slideMasters
        .getItem(ppt.model.masters[0].id)
        .layouts.getItem(ppt.model.masters[0].layouts[0].id);
      layout.shapes.addTextBox("x").textFrame.textRange.font.color = "red";
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
});

it("an older client has no custom properties (below 1.7) and no pageSetup (below 1.10)", async () => {
  const old = createFakePowerPoint({}, { powerPointApi: "1.6" });
  await expect(
    run(old, async (context) => {
      context.presentation.properties.customProperties.load("items/key");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound", message: API_NOT_FOUND });
  const mid = createFakePowerPoint({}, { powerPointApi: "1.9" });
  await expect(
    run(mid, async (context) => {
      context.presentation.pageSetup.load("slideWidth");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound" });
});
