/**
 * Markings other tools left in documents, which a label change removes with the previous label's
 * own — the role of the AIP client's `WordShapeNameToRemove` and `ExternalContentMarkingToRemove`
 * advanced settings (docs/coexistence.md). Office's own label markings need no setting: the add-in
 * always recognises them (shape names starting with MSIPCM or MSIPWM in Word, the `&1#` marker in
 * Excel headers and footers).
 */
import { z } from "zod";
import { compileMappingPattern } from "./mapForeign";

const pattern = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => typeof compileMappingPattern(p) !== "string", "is not a valid regular expression");

export const externalMarkingRemovalSchema = z
  .object({
    /**
     * Word: shapes in headers and footers whose name starts with one of these (case-insensitive),
     * e.g. another tool's "TITUS1HeaderPrimary".
     */
    wordShapeNames: z.array(z.string().trim().min(1).max(255)).max(50).default([]),
    /**
     * Word header/footer paragraphs and Excel header/footer sections whose text matches one of
     * these JavaScript regular expressions (case-insensitive), e.g. "^INTERNAL USE ONLY$".
     */
    textPatterns: z.array(pattern).max(50).default([]),
  })
  .strict();

export type ExternalMarkingRemoval = z.infer<typeof externalMarkingRemovalSchema>;
