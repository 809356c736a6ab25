export * from "./exceptions.ts";
