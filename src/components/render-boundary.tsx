import { Component, type ReactNode } from "react";

export interface RenderBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children once they threw while rendering. */
  fallback: (reset: () => void) => ReactNode;
  /** When this changes (by identity), the children are tried again: new data may render. */
  resetKey?: unknown;
}

interface RenderBoundaryState {
  failed: boolean;
  key: unknown;
}

/**
 * React error boundary. Without one, an exception while rendering unmounts the whole React root,
 * the host app's included; with it, only the part that threw is replaced by its fallback. React
 * still reports the error (console.error), so it is not hidden from whoever debugs the page.
 */
export class RenderBoundary extends Component<RenderBoundaryProps, RenderBoundaryState> {
  override state: RenderBoundaryState = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<RenderBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: RenderBoundaryProps, state: RenderBoundaryState): RenderBoundaryState | null {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  private reset = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.reset) : this.props.children;
  }
}
