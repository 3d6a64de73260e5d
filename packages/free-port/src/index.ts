export { freePort, type FreePortOptions } from "./free-port";
