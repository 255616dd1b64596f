package com.supercandles.model;

import com.supercandles.event.Side;

/** The buyer-initiated and seller-initiated {@link SideFlow} of one time slice. */
public class SideFlows {
    public SideFlow buys = new SideFlow();
    public SideFlow sells = new SideFlow();

    public SideFlows() {}

    public SideFlow side(Side side) {
        return side == Side.B ? buys : sells;
    }
}
