// Saving and loading: torch.save / torch.load in PyTorch's own zip format, and safetensors.

export { save, saveToBytes } from "./torch_save.ts";
export { load, loadFromBytes, LoadedStorage, type LoadOptions, type MapLocation } from "./torch_load.ts";
export { UnpicklingError } from "./pickle_read.ts";
export { BytesIO, FileNotFoundError } from "./io.ts";
export { safetensors, SafetensorError } from "./safetensors.ts";
