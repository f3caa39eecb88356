// Public entry of @cxr/train. Exports are added by the modules that implement them.
export {};
