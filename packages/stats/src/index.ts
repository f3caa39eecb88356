// Public entry of @cxr/stats. Exports are added by the modules that implement them.
export {};
