// The variants menu's model lives in the core (src/variants/variants.ts), where the sweep CLI
// uses it too; this path keeps the panel's imports working.
export * from '../../variants/variants';
