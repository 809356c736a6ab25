// One-op ONNX models with symbolic dimensions, so one session serves every shape of an op
// signature (the session cache is keyed by op type and attributes, not by shapes).

import { ProtoWriter } from "./proto.ts";

const FLOAT = 1;
type Dim = number | string;

function valueInfo(name: string, dims: Dim[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) {
    const dim = new ProtoWriter();
    if (typeof d === "string") dim.str(2, d);
    else dim.int(1, d);
    shape.msg(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, FLOAT).msg(2, shape);
  const type = new ProtoWriter().msg(1, tensorType);
  return new ProtoWriter().str(1, name).msg(2, type);
}

export type Attr = { name: string; ints?: number[]; i?: number; f?: number };

function attribute(a: Attr): ProtoWriter {
  const w = new ProtoWriter().str(1, a.name);
  if (a.ints) {
    w.int(20, 7); // INTS
    for (const v of a.ints) w.int(8, v);
  } else if (a.f !== undefined) {
    w.int(20, 1).float(2, a.f);
  } else {
    w.int(20, 2).int(3, a.i ?? 0);
  }
  return w;
}

export interface OneOpModel {
  op: string;
  inputs: Array<{ name: string; dims: Dim[] }>;
  output: { name: string; dims: Dim[] };
  attrs?: Attr[];
}

export function buildModel(m: OneOpModel): Uint8Array {
  const node = new ProtoWriter();
  for (const i of m.inputs) node.str(1, i.name);
  node.str(2, m.output.name).str(4, m.op);
  for (const a of m.attrs ?? []) node.msg(5, attribute(a));
  const graph = new ProtoWriter().msg(1, node).str(2, "tsgrad");
  for (const i of m.inputs) graph.msg(11, valueInfo(i.name, i.dims));
  graph.msg(12, valueInfo(m.output.name, m.output.dims));
  const opset = new ProtoWriter().str(1, "").int(2, 17);
  return new ProtoWriter().int(1, 8).msg(8, opset).msg(7, graph).finish();
}
