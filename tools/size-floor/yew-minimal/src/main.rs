use std::rc::Rc;

use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Counter {
    clicks: i64,
    lines: Vec<String>,
}

enum Action {
    Click,
    Say(String),
}

impl Reducible for Counter {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Click => next.clicks += 1,
            Action::Say(line) => next.lines.push(line),
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
struct LogProps {
    lines: Vec<String>,
}

#[function_component]
fn Log(props: &LogProps) -> Html {
    html! { <ul>{ for props.lines.iter().map(|line| html! { <li>{ line }</li> }) }</ul> }
}

#[function_component]
fn Page() -> Html {
    let state = use_reducer(Counter::default);
    let click = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Click))
    };
    let key = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| state.dispatch(Action::Say(e.key())))
    };
    html! {
        <main>
            <button onclick={click}>{ state.clicks }</button>
            <input onkeydown={key} />
            <svg><rect x="1" y="2" width="3" height="4" /></svg>
            <Log lines={state.lines.clone()} />
        </main>
    }
}

fn main() {
    yew::Renderer::<Page>::new().render();
}
