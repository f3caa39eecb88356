// Public entry of @cxr/models. Exports are added by the modules that implement them.
export {};
