/**
 * The output registry: each kind of record the job writes, declared once ({@link
 * com.supercandles.output.OutputKind}), all of them in {@link com.supercandles.output.Outputs#ALL}.
 */
package com.supercandles.output;
