// @tsgrad/nn: torch.nn for the dialects (Module, Parameter, layers, losses, functional, init).
// `nnFor(dialect)` gives the namespace as a dialect shows it: the same classes, made with that
// dialect current so the tensors they create carry it, and `type(m)` is that dialect's class.

import { torchDialect, type Dialect } from "@tsgrad/core";
import { Module, ModuleImpl, RemovableHandle, PyGenerator, _IncompatibleKeys } from "./module.ts";
import { Parameter } from "./parameter.ts";
import { dialectClass } from "./pyclass.ts";
import * as basic from "./layers/basic.ts";
import * as cpn from "./layers/conv_pool_norm.ts";
import * as containers from "./layers/containers.ts";
import * as losses from "./layers/loss.ts";
import * as rnn from "./layers/rnn.ts";
import * as extra from "./layers/extra.ts";
import * as padding from "./layers/pad.ts";
import functional from "./functional/index.ts";
import init from "./init.ts";
import utils from "./utils.ts";

const classes = {
  Module,
  Linear: basic.Linear, Bilinear: basic.Bilinear, Identity: basic.Identity,
  ReLU: basic.ReLU, LeakyReLU: basic.LeakyReLU, ELU: basic.ELU, GELU: basic.GELU, SiLU: basic.SiLU, Sigmoid: basic.Sigmoid, Tanh: basic.Tanh,
  Softplus: basic.Softplus, SELU: basic.SELU, CELU: basic.CELU, Hardtanh: basic.Hardtanh, ReLU6: basic.ReLU6, LogSigmoid: basic.LogSigmoid,
  Mish: basic.Mish, Hardswish: basic.Hardswish, Hardsigmoid: basic.Hardsigmoid, Softsign: basic.Softsign, Tanhshrink: basic.Tanhshrink, GLU: basic.GLU,
  Softmax: basic.Softmax, LogSoftmax: basic.LogSoftmax, Dropout: basic.Dropout, Flatten: basic.Flatten, Unflatten: basic.Unflatten,
  Embedding: basic.Embedding,
  Conv1d: cpn.Conv1d, Conv2d: cpn.Conv2d, ConvTranspose2d: cpn.ConvTranspose2d,
  MaxPool1d: cpn.MaxPool1d, MaxPool2d: cpn.MaxPool2d, AvgPool2d: cpn.AvgPool2d, AdaptiveAvgPool2d: cpn.AdaptiveAvgPool2d,
  BatchNorm1d: cpn.BatchNorm1d, BatchNorm2d: cpn.BatchNorm2d, LayerNorm: cpn.LayerNorm, GroupNorm: cpn.GroupNorm,
  Sequential: containers.Sequential, ModuleList: containers.ModuleList, ModuleDict: containers.ModuleDict,
  RNN: rnn.RNN, LSTM: rnn.LSTM, GRU: rnn.GRU,
  MSELoss: losses.MSELoss, L1Loss: losses.L1Loss, SmoothL1Loss: losses.SmoothL1Loss, HuberLoss: losses.HuberLoss,
  CrossEntropyLoss: losses.CrossEntropyLoss, NLLLoss: losses.NLLLoss, BCELoss: losses.BCELoss, BCEWithLogitsLoss: losses.BCEWithLogitsLoss,
  KLDivLoss: losses.KLDivLoss,
  PReLU: extra.PReLU, Dropout1d: extra.Dropout1d, Dropout2d: extra.Dropout2d, CosineSimilarity: extra.CosineSimilarity,
  PairwiseDistance: extra.PairwiseDistance, RNNCell: extra.RNNCell, LSTMCell: extra.LSTMCell, GRUCell: extra.GRUCell,
  ReflectionPad1d: padding.ReflectionPad1d, ReflectionPad2d: padding.ReflectionPad2d, ReflectionPad3d: padding.ReflectionPad3d,
  ReplicationPad1d: padding.ReplicationPad1d, ReplicationPad2d: padding.ReplicationPad2d, ReplicationPad3d: padding.ReplicationPad3d,
  ZeroPad2d: padding.ZeroPad2d, ConstantPad1d: padding.ConstantPad1d, ConstantPad2d: padding.ConstantPad2d, ConstantPad3d: padding.ConstantPad3d,
};

const nn = { ...classes, Parameter, functional, init, utils };
export type NN = typeof nn & Record<string, any>;

const cache = new Map<string, NN>();
/** The nn namespace as `dialect` shows it (torch's is the default export). */
export function nnFor(dialect: Dialect): NN {
  if (dialect === torchDialect) return nn as NN;
  let ns = cache.get(dialect.name);
  if (!ns) {
    const out: Record<string, any> = { Parameter, functional, init, utils };
    for (const [k, cls] of Object.entries(classes)) out[k] = dialectClass(cls as any, dialect);
    ns = out as NN;
    cache.set(dialect.name, ns);
  }
  return ns;
}

export default nn as NN;
export { Module, ModuleImpl, Parameter, RemovableHandle, PyGenerator, _IncompatibleKeys, functional, init, utils };
export * from "./layers/basic.ts";
export * from "./layers/conv_pool_norm.ts";
export * from "./layers/containers.ts";
export * from "./layers/loss.ts";
export * from "./layers/rnn.ts";
export * from "./layers/extra.ts";
export * from "./layers/pad.ts";
export { save, load, safetensors, BytesIO, UnpicklingError, SafetensorError } from "./serialization/index.ts";
