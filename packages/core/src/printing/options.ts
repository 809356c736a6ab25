// torch.set_printoptions / get_printoptions with PyTorch 1.13 semantics.

export interface PrintOptions {
  precision: number;
  /** summarise when numel > threshold; may be Infinity (profile "full") */
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null: chosen per tensor by the formatter */
  sci_mode: boolean | null;
}

/** The global current options (mutated in place, like torch's PRINT_OPTS). */
export const printOptions: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sci_mode: null,
};

export interface SetPrintOptionsArgs {
  precision?: number | null;
  threshold?: number | null;
  edgeitems?: number | null;
  linewidth?: number | null;
  profile?: "default" | "short" | "full" | null;
  sci_mode?: boolean | null;
}

const PROFILES: Record<"default" | "short" | "full", Omit<PrintOptions, "sci_mode">> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

/**
 * The profile is applied first, then each non-null option overrides it.
 * As in PyTorch, sci_mode is always assigned: omitting it resets it to null.
 */
export function set_printoptions(opts: SetPrintOptionsArgs = {}): void {
  if (opts.profile != null) Object.assign(printOptions, PROFILES[opts.profile]);
  if (opts.precision != null) printOptions.precision = opts.precision;
  if (opts.threshold != null) printOptions.threshold = opts.threshold;
  if (opts.edgeitems != null) printOptions.edgeitems = opts.edgeitems;
  if (opts.linewidth != null) printOptions.linewidth = opts.linewidth;
  printOptions.sci_mode = opts.sci_mode ?? null;
}

/** A snapshot copy of the current options. */
export function get_printoptions(): PrintOptions {
  return { ...printOptions };
}
