// Public entry of @cxr/data. Exports are added by the modules that implement them.
export {};
