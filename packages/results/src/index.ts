// Public entry of @cxr/results. Exports are added by the modules that implement them.
export {};
